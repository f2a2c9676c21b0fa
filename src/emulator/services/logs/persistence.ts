/**
 * CloudWatch Logs state as rows: one per log group, one per log stream (without its events) and
 * one per log event, so a function's every invocation writes its new events and nothing more.
 * A group's row carries its subscription filters; the skeleton row, the account's resource policies.
 */
import { takeChanges, track } from '../../persistence/changes.ts';
import { rowKey, rowPrefix, SavedNames, SKELETON, withoutMembers, type Persistence, type RowWriter, type SavedRow, type SetAside } from '../../persistence/rows.ts';
import { kindOf, shapeProblem } from '../../persistence/whole-scope.ts';
import { createLogsState, type LogGroup, type LogStream, type LogsState, type StoredEvent } from './model.ts';

const groupsSaved = new SavedNames<LogsState>();

/** How CloudWatch Logs' state is written to and read from the state database. */
export const logsPersistence: Persistence<LogsState> = {
  save(state, rows) {
    rows.putIfChanged(SKELETON, { eventCounter: state.eventCounter, resourcePolicies: state.resourcePolicies ?? new Map() });
    for (const [name, group] of state.groups) {
      rows.putIfChanged(rowKey('group', name), withoutMembers(group, ['streams']));
      if (track(group)) {
        takeChanges(group);
        rows.deletePrefix(rowPrefix('stream', name));
        rows.deletePrefix(rowPrefix('event', name));
        for (const stream of group.streams.values()) saveStream(rows, name, stream);
        continue;
      }
      for (const [streamName, stream] of takeChanges(group) ?? []) {
        if (stream) saveStream(rows, name, stream as LogStream);
        else {
          rows.delete(rowKey('stream', name, streamName));
          rows.deletePrefix(rowPrefix('event', name, streamName));
        }
      }
    }
    groupsSaved.sweep(state, state.groups.keys(), (name) => {
      rows.delete(rowKey('group', name));
      rows.deletePrefix(rowPrefix('stream', name));
      rows.deletePrefix(rowPrefix('event', name));
    });
  },

  load(rows, _scope, setAside) {
    const state = createLogsState();
    const streams: SavedRow[] = [];
    const events: SavedRow[] = [];
    for (const row of rows) {
      const kind = JSON.parse(row.key)[0];
      if (row.key === SKELETON) {
        const { eventCounter: counter, resourcePolicies: policies } = (row.value ?? {}) as { eventCounter?: unknown; resourcePolicies?: unknown };
        if (typeof counter === 'number') state.eventCounter = counter;
        else setAside(row, 'the event counter is not a number');
        // Saved before resource policies were kept: none.
        if (policies instanceof Map) state.resourcePolicies = policies;
      } else if (kind === 'group') loadGroup(state, row, setAside);
      else if (kind === 'stream') streams.push(row);
      else if (kind === 'event') events.push(row);
      else setAside(row, 'no part of CloudWatch Logs state has a row with this key');
    }
    for (const row of streams) loadStream(state, row, setAside);
    for (const row of events) {
      const [, groupName, streamName] = JSON.parse(row.key) as string[];
      const stream = state.groups.get(groupName!)?.streams.get(streamName!);
      const event = row.value as StoredEvent;
      const problem = stream ? shapeProblem(event, { timestamp: 0, message: '', ingestionTime: 0, seq: 0, eventId: '' }) : 'the event belongs to a stream that is not in the saved state';
      if (problem || typeof event.seq !== 'number' || typeof event.message !== 'string') setAside(row, problem ?? 'the event has no sequence or no message');
      else stream!.events.push(event);
    }
    for (const group of state.groups.values()) {
      track(group);
      for (const stream of group.streams.values()) {
        stream.events.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
        delete stream.bytes;
        track(stream);
      }
    }
    groupsSaved.remember(state, state.groups.keys());
    return state;
  },
};

function saveStream(rows: RowWriter, groupName: string, stream: LogStream): void {
  const name = stream.logStreamName;
  rows.put(rowKey('stream', groupName, name), withoutMembers(stream, ['events']));
  if (track(stream)) {
    takeChanges(stream);
    rows.deletePrefix(rowPrefix('event', groupName, name));
    for (const event of stream.events) rows.put(rowKey('event', groupName, name, String(event.seq)), event);
    return;
  }
  for (const [seq, event] of takeChanges(stream) ?? []) {
    const key = rowKey('event', groupName, name, seq);
    if (event) rows.put(key, event);
    else rows.delete(key);
  }
}

function loadGroup(state: LogsState, row: SavedRow, setAside: SetAside): void {
  const group = row.value as LogGroup;
  const problem = shapeProblem(group, { logGroupName: '', arn: '', creationTime: 0, tags: new Map() });
  if (problem || typeof group.logGroupName !== 'string' || JSON.parse(row.key)[1] !== group.logGroupName) {
    setAside(row, problem ?? 'the group\'s name does not match its row');
    return;
  }
  group.streams = new Map();
  if (!(group.subscriptionFilters instanceof Map)) group.subscriptionFilters = new Map();
  state.groups.set(group.logGroupName, group);
}

function loadStream(state: LogsState, row: SavedRow, setAside: SetAside): void {
  const [, groupName] = JSON.parse(row.key) as string[];
  const group = state.groups.get(groupName!);
  const stream = row.value as LogStream;
  const problem = group ? shapeProblem(stream, { logStreamName: '', arn: '', creationTime: 0, nextSeq: 0, uploads: 0 }) : 'the stream belongs to a group that is not in the saved state';
  if (problem || kindOf(stream.logStreamName) !== 'string') {
    setAside(row, problem ?? 'the stream has no name');
    return;
  }
  stream.events = [];
  group!.streams.set(stream.logStreamName, stream);
}
