/**
 * StreamSpecification on CreateTable and UpdateTable, in AWS's words: enabling needs a view type,
 * disabling must not name one, a table has at most one enabled stream (its view type cannot change
 * in place: disable, then enable again), and disabling needs a stream to disable. What
 * DescribeTable shows: StreamSpecification while a stream is enabled, LatestStreamArn and
 * LatestStreamLabel from the first enabling on, also after disabling.
 */
import type { Emulator } from '../../../emulator.ts';
import { DynamoValidationException, invalidParameter } from '../errors.ts';
import type { DynamodbState, Table } from '../state.ts';
import { dropExpiredStreams, RETENTION_MS, startStream, stopStream, VIEW_TYPES, type StreamViewType } from './model.ts';

/** A checked StreamSpecification: enable with a view type, or disable. */
export type StreamRequest = { enabled: true; viewType: StreamViewType } | { enabled: false };

/** Checks a StreamSpecification parameter; undefined when the request has none. */
export function checkStreamSpecification(raw: unknown): StreamRequest | undefined {
  if (raw === undefined || raw === null) return undefined;
  const specification = raw as { StreamEnabled?: unknown; StreamViewType?: unknown };
  const viewType = specification.StreamViewType;
  if (specification.StreamEnabled === true) {
    if (viewType === undefined || viewType === null) throw invalidParameter('If stream is being enabled then UpdateViewType is required');
    if (!VIEW_TYPES.includes(viewType as StreamViewType)) {
      throw new DynamoValidationException(`1 validation error detected: Value '${String(viewType)}' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [${VIEW_TYPES.join(', ')}]`);
    }
    return { enabled: true, viewType: viewType as StreamViewType };
  }
  if (viewType !== undefined && viewType !== null) throw invalidParameter('If stream is being disabled, then UpdateViewType must not be specified');
  return { enabled: false };
}

/** Applies a checked StreamSpecification to a table (CreateTable: a new one; UpdateTable: its draft). */
export function applyStreamRequest(state: DynamodbState, table: Table, request: StreamRequest | undefined, scope: { region: string; emulator: Emulator }, creating: boolean): void {
  if (!request) return;
  // Reads only hide streams disabled over a day ago; a stream change is a write, so they go here.
  dropExpiredStreams(state);
  if (request.enabled) {
    if (table.stream) throw new DynamoValidationException(`Table already has an enabled stream: TableName: ${table.TableName}`);
    startStream(state, table, request.viewType, scope.region, scope.emulator.scaled(RETENTION_MS));
    return;
  }
  // CreateTable with StreamEnabled false simply makes a table without a stream.
  if (creating) return;
  if (!table.stream) throw new DynamoValidationException(`Table has no stream to disable: TableName: ${table.TableName}`);
  stopStream(table);
}

/** The stream members of a TableDescription. */
export function streamView(table: Table): Record<string, unknown> {
  return {
    ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream.viewType } } : {}),
    ...(table.latestStreamArn ? { LatestStreamArn: table.latestStreamArn, LatestStreamLabel: table.latestStreamLabel } : {}),
  };
}
