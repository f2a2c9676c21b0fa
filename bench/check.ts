/**
 * `workshop check` timing (run with `node bench/check.ts [lab numbers...]`, every lab when none is
 * named): the real CLI grading each lab's solution, five runs per lab, median and fastest. Twice: against an emulator already running
 * (as after `npm start`, with a relative state folder), and against one the command starts itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KIT_ROOT } from '../src/core/kit.ts';
import { listLabs } from '../src/core/labs.ts';
import { percentile, report } from './stats.ts';

const cli = fileURLToPath(new URL('../bin/workshop.mjs', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const chosen = process.argv.slice(2);
const labs = listLabs().filter((lab) => chosen.length === 0 || chosen.includes(lab.number));

function timeChecks(label: string, endpoint: string): void {
  for (const lab of labs) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const run = spawnSync(process.execPath, [cli, 'check', lab.number, '--dir', join(KIT_ROOT, 'solutions')], { encoding: 'utf8', env: { ...process.env, AWS_ENDPOINT_URL: endpoint, WORKSHOP_TARGET: 'emulator' } });
      times.push((performance.now() - started) / 1000);
      if (run.status !== 0) {
        console.error(run.stdout, run.stderr);
        process.exitCode = 1;
      }
    }
    report(`check ${lab.number} (solution), ${label}: median`, percentile(times, 50), 's', `fastest ${Math.min(...times).toFixed(2)} s`);
  }
}

console.log(`workshop check on each solution (5 runs each), Node.js ${process.version}`);
const cwd = mkdtempSync(join(tmpdir(), 'bench-check-'));
const port = await freePort();
const emulator = spawn(process.execPath, [cli, 'emulator', '--port', String(port), '--state', '.workshop/emulator-state'], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve, reject) => {
  let text = '';
  emulator.stdout!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    if (text.includes('Press Ctrl-C')) resolve();
  });
  emulator.once('exit', () => reject(new Error(`the emulator stopped before it listened: ${text}`)));
});
try {
  timeChecks('running emulator', `http://127.0.0.1:${port}`);
} finally {
  emulator.kill('SIGTERM');
  await new Promise((resolve) => emulator.once('exit', resolve));
  rmSync(cwd, { recursive: true, force: true });
}
timeChecks('own emulator', `http://127.0.0.1:${await freePort()}`);
