/** Test helpers: an in-process emulator and real SDK clients pointed at it. */
import { afterAll, beforeAll } from 'vitest';
import { createClients, type AwsClients } from '../../src/core/clients.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { startEmulator, type RunningEmulator, type StartOptions } from '../../src/emulator/server.ts';

/** A running emulator with clients for one account. */
export interface EmulatorFixture {
  running: RunningEmulator;
  clients: AwsClients;
  /** Clients for another account on the same emulator. */
  clientsFor(accountId: string): AwsClients;
}

/** Clients for `url`, signing as `accountId` (a 12-digit access key selects the account). */
export function clientsAt(url: string, accountId?: string): AwsClients {
  const target = resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: url }, accountId });
  return createClients(target);
}

/** Starts one emulator on a free port for the test file, and stops it afterwards. */
export function useEmulator(options: StartOptions = {}): EmulatorFixture {
  const fixture = {} as EmulatorFixture;
  const extra: AwsClients[] = [];
  beforeAll(async () => {
    fixture.running = await startEmulator({ port: 0, log: () => {}, ...options });
    fixture.clients = clientsAt(fixture.running.url);
    fixture.clientsFor = (accountId) => {
      const clients = clientsAt(fixture.running.url, accountId);
      extra.push(clients);
      return clients;
    };
  });
  afterAll(async () => {
    fixture.clients?.destroy();
    for (const clients of extra) clients.destroy();
    await fixture.running?.stop();
  });
  return fixture;
}
