import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { KIT_ROOT } from '../src/core/kit.ts';
import { listLabs } from '../src/core/labs.ts';
import { LabRunner } from '../src/core/check-runner.ts';
import { resolveTarget } from '../src/core/target.ts';
function cpu(pid: number | 'self') { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return { self: (Number(f[11]) + Number(f[12])) / 100, kids: (Number(f[13]) + Number(f[14])) / 100 }; }
const emu = spawn(process.execPath, ['src/cli/main.ts', 'emulator', '--port', '4599'], { cwd: KIT_ROOT, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1500));
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
cpSync(join(KIT_ROOT, 'solutions'), join(dir, 'a'), { recursive: true });
cpSync(join(KIT_ROOT, 'labs'), join(dir, 'b'), { recursive: true });
cpSync(join(KIT_ROOT, 'solutions'), join(dir, 'c'), { recursive: true });
const labs = listLabs();
const runner = new LabRunner(true);
const N = Number(process.argv[2] ?? 3);
for (const batch of [false, true]) {
  const s0 = cpu('self'); const t0 = performance.now();
  const runs = ['a', 'b', 'c'].slice(0, N).map((who, i) => { const account = `90000000${batch ? 1 : 2}00${i}`; return { labs: labs.map((lab) => ({ lab, labDir: join(dir, who, lab.id) })), target: resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4599' }, accountId: account }), seed: 1, accountId: account }; });
  const heard: string[] = [];
  const res = batch ? await runner.runMany(runs, (run, r) => heard.push(`${run}:${r.labId.slice(0, 2)}=${r.score}`)) : await Promise.resolve().then(async () => { const out = []; for (const r of runs) out.push(await runner.run(r)); return out; });
  await new Promise((r) => setTimeout(r, 300));
  const s1 = cpu('self');
  console.log(`${batch ? 'batch' : 'one by one'}: wall ${((performance.now() - t0) / 1000).toFixed(2)} s; kids ${(s1.kids - s0.kids).toFixed(2)}; scores ${res.map((r) => r.map((l) => l.score).join('/')).join(' ')}; heard ${heard.join(' ')}`);
}
await runner.close();
emu.kill('SIGINT');
