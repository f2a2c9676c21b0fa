/**
 * LocalStack's own routes, so tools and habits made for LocalStack work here: `/_localstack/info`
 * and `/_localstack/init` (read-only), the state resets (`/_localstack/state/reset`,
 * `/_localstack/state/<service>/reset`, moto's `/moto-api/reset`), the SQS peek at
 * `/_aws/sqs/messages`, and the kit's snapshots at `/_workshop/snapshots`.
 */
import type { Emulator } from './emulator.ts';
import { infoRoute, initRoute } from './localstack-info.ts';
import { sqsPeekRoute } from './sqs-peek.ts';
import { snapshotRoute } from './snapshots.ts';
import { motoResetRoute, stateResetRoute } from './state-reset.ts';

/** Options of {@link registerLocalStackRoutes}. */
export interface LocalStackRouteOptions {
  /** The kit's folder of its own files (`.workshop`), where snapshots are kept. */
  workshopDir: string;
}

/** Adds LocalStack's routes and the kit's snapshot routes to an emulator. */
export function registerLocalStackRoutes(emulator: Emulator, options: LocalStackRouteOptions): void {
  emulator.addInternalRoute('/_localstack/info', infoRoute(emulator));
  emulator.addInternalRoute('/_localstack/init', initRoute(emulator));
  emulator.addInternalRoute('/_localstack/state/', stateResetRoute(emulator));
  emulator.addInternalRoute('/moto-api/reset', motoResetRoute(emulator));
  emulator.addInternalRoute('/_aws/sqs/messages', sqsPeekRoute(emulator));
  emulator.addInternalRoute('/_workshop/snapshots', snapshotRoute(emulator, options.workshopDir));
}
