import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { EmulatorRequest, ServiceDefinition } from '../../src/emulator/types.ts';

const SIGNED = 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/slow/aws4_request, SignedHeaders=host, Signature=abc';
const request = (): EmulatorRequest => ({ method: 'POST', path: '/', query: new URLSearchParams(), headers: { 'x-amz-target': 'Slow.Read', authorization: SIGNED }, body: Buffer.from('{}') });

/** A service whose operation needs something `prepare` loads, as S3's needs the XML parser. */
function slowService(): { service: ServiceDefinition; calls: () => number; finish: () => void } {
  let loaded = false;
  let calls = 0;
  let finish = () => {};
  const service: ServiceDefinition = {
    name: 'slow',
    signingNames: ['slow'],
    protocol: 'json',
    targetPrefix: 'Slow',
    jsonVersion: '1.0',
    createState: () => ({}),
    prepare: () => {
      calls += 1;
      return new Promise<void>((resolve) => { finish = () => { loaded = true; resolve(); }; });
    },
    operations: { Read: () => ({ Loaded: loaded }) },
  };
  return { service, calls: () => calls, finish: () => finish() };
}

describe("a service's prepare", () => {
  it('is awaited before its first request, by a client and by another service, and runs once', async () => {
    const slow = slowService();
    const emulator = new Emulator({ services: [slow.service] });
    const first = emulator.handle(request());
    const inProcess = emulator.call('slow', 'Read', {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    slow.finish();
    expect(JSON.parse(String((await first).body))).toEqual({ Loaded: true });
    expect(await inProcess).toEqual({ Loaded: true });
    expect(JSON.parse(String((await emulator.handle(request())).body))).toEqual({ Loaded: true });
    expect(slow.calls()).toBe(1);
  });

  it('runs in the background on warmUp, before any request', () => {
    const slow = slowService();
    const emulator = new Emulator({ services: [slow.service] });
    expect(slow.calls()).toBe(0);
    emulator.warmUp();
    expect(slow.calls()).toBe(1);
  });
});
