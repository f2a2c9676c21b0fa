/**
 * The emulator opens its port before its services' code has loaded: the health check answers at
 * once, with every service `available`, and other requests wait for the services instead of failing.
 */
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_NAMES } from '../../src/emulator/services/catalog.ts';
import { defaultServices } from '../../src/emulator/services/index.ts';
import { createSqsService } from '../../src/emulator/services/sqs/service.ts';
import { startEmulator } from '../../src/emulator/server.ts';
import type { ServiceDefinition } from '../../src/emulator/types.ts';
import { freePort } from '../support/ports.ts';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

async function healthOf(url: string): Promise<Record<string, string>> {
  return ((await (await fetch(`${url}/_localstack/health`)).json()) as { services: Record<string, string> }).services;
}

describe('the service catalog', () => {
  it('names the default services, in their order, without loading them', () => {
    expect([...DEFAULT_SERVICE_NAMES]).toEqual(defaultServices().map((service) => service.name));
  });

  it('answers health while the services load, and holds other requests until they have', async () => {
    let release!: (services: ServiceDefinition[]) => void;
    const loaded = new Promise<ServiceDefinition[]>((resolve) => { release = resolve; });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const starting = startEmulator({ port, services: { names: ['sqs', 'sns'], load: () => loaded }, log: () => {} });
    let health: Record<string, string> | undefined;
    for (let tries = 0; !health && tries < 200; tries++) {
      health = await healthOf(url).catch(() => undefined);
      if (!health) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(health).toEqual({ sqs: 'available', sns: 'available' });
    const sqs = new SQSClient({ endpoint: url, region: 'us-east-1', credentials });
    try {
      let answered = false;
      const listing = sqs.send(new ListQueuesCommand({})).then((answer) => { answered = true; return answer; });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(answered).toBe(false);
      release([createSqsService()]);
      expect((await listing).QueueUrls ?? []).toEqual([]);
      const running = await starting;
      try {
        expect(await healthOf(url)).toEqual({ sqs: 'running' });
      } finally {
        await running.stop();
      }
    } finally {
      sqs.destroy();
    }
  });
});
