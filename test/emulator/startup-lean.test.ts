/**
 * What the emulator process loads before its port opens, and how it keeps answering while the rest
 * loads: the start-up figures in bench/startup.ts rest on both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInStages } from '../../src/emulator/server.ts';
import { killHard, spawnEmulator } from '../support/emulator-process.ts';

const folder = mkdtempSync(join(tmpdir(), 'startup-lean-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Preloaded into the process: reports which of Node's own modules are loaded when the port opens.
const PROBE = `
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const loaded = (name) => process.moduleLoadList.includes('NativeModule ' + name);
  process.stderr.write('at-listen ' + JSON.stringify({ undici: loaded('internal/deps/undici/undici'), tls: loaded('tls') }) + '\\n');
  net.Server.prototype.listen = listen;
  return listen.apply(this, args);
};
`;

describe('emulator start-up', () => {
  it('opens its port without loading Node\'s bundled fetch or TLS', async () => {
    const probe = join(folder, 'probe.cjs');
    writeFileSync(probe, PROBE);
    const running = await spawnEmulator([], { NODE_OPTIONS: `--require ${probe}` });
    try {
      const line = /at-listen (\{.*\})/.exec(running.output());
      expect(line, running.output()).not.toBeNull();
      expect(JSON.parse(line![1]!)).toEqual({ undici: false, tls: false });
    } finally {
      await killHard(running);
    }
  });

  it('lets the event loop turn between loading stages, so waiting requests are answered', async () => {
    const order: string[] = [];
    await loadInStages([
      async () => { order.push('first stage'); setImmediate(() => order.push('a waiting request')); },
      async () => { order.push('second stage'); },
    ]);
    expect(order).toEqual(['first stage', 'a waiting request', 'second stage']);
  });
});
