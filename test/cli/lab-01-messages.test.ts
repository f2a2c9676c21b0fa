/**
 * Lab 01's checklist through the real CLI, on the solution with deliberate mistakes: each failing
 * check names the likely cause, a wrong total fails the pricing check alone, and a missing export
 * says which file must export what. Runs the CLI and its own emulator (a few seconds).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { findLab } from '../../src/core/labs.ts';
import { applyMutant, listMutants } from '../../src/core/mutants.ts';
import { CLI_ENTRY } from '../support/cli.ts';
import { englishLeaks } from '../support/english-leaks.ts';
import { freePort } from '../support/ports.ts';

const LAB = findLab('01');
const root = mkdtempSync(join(tmpdir(), 'lab-01-messages-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A learner folder holding lab 01's solution with the named mutants applied. */
function solutionWith(name: string, ...mutants: string[]): string {
  const dir = join(root, name);
  cpSync(LAB.solutionDir, join(dir, LAB.id), { recursive: true });
  cpSync(join(KIT_ROOT, 'labs', LAB.id, 'lab.json'), join(dir, LAB.id, 'lab.json'));
  for (const mutant of listMutants(LAB).filter((each) => mutants.includes(each.name))) applyMutant(mutant, join(dir, LAB.id));
  return dir;
}

/** `workshop check 01` on `dir`, with an emulator of its own, and what it printed. */
async function check(dir: string, extra: NodeJS.ProcessEnv = {}): Promise<string> {
  const env = { ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}`, WORKSHOP_TARGET: 'emulator', NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_ENTRY, 'check', '01', '--dir', dir, '--seed', '1001'], { env, cwd: root, timeout: 90_000 }, (_error, stdout, stderr) => resolve(stdout + stderr));
  });
}

describe('lab 01 messages', () => {
  it('speaks Chinese with WORKSHOP_LANG=zh-cn, on the starter and on mistakes, with no English sentence left', async () => {
    const starter = join(root, 'starter');
    cpSync(join(KIT_ROOT, 'labs', LAB.id), join(starter, LAB.id), { recursive: true });
    const outputs = [await check(starter, { WORKSHOP_LANG: 'zh-cn' }), await check(solutionWith('two-mistakes-zh', 'tax-before-discount', 'inherited-key-code'), { LANG: 'zh_CN.UTF-8', WORKSHOP_LANG: '' })];
    expect(outputs[0]).toContain('实验 01：你的第一个订单处理函数');
    expect(outputs[0]).toContain('卡在“接受有效订单并返回其总额”了吗？');
    expect(outputs[1]).toContain('totalCents（订单 ord-1001（2 × 1250，折扣码 WELCOME10，EUR））：应为 2700（2500 - 折扣 250 + 税费 450），实际为 2750。可能的原因：税费是按折扣前的小计计算的');
    expect(outputs[1]).toMatch(/✔ 接受有效订单并返回其总额/);
    for (const output of outputs) expect(englishLeaks(output), output).toEqual([]);
  }, 180_000);

  it('names the likely cause of each mistake, and one mistake fails one check', async () => {
    const output = await check(solutionWith('two-mistakes', 'tax-before-discount', 'inherited-key-code'));
    expect(output).toMatch(/✔ Accepts a valid order/);
    expect(output).toContain('totalCents for order ord-1001 (2 x 1250, code WELCOME10, EUR): expected 2700 (2500 - 250 discount + 450 tax), got 2750. Likely cause: the tax was computed on the subtotal before the discount');
    expect(output).toMatch(/an order with the discount code (constructor|toString|__proto__|valueOf|hasOwnProperty) was accepted .*Likely cause: \1 is a name every JavaScript object inherits/);
    // The logged total is compared with what the function returned, so the wrong total fails only the pricing check.
    expect(output).toMatch(/✔ Logs one JSON line per accepted order/);
  }, 120_000);

  it('says which file must export what when the handler is not exported', async () => {
    const dir = solutionWith('renamed');
    const file = join(dir, LAB.id, 'handler.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('export async function handleOrder(', 'export async function handle('));
    const output = await check(dir);
    expect(output).toContain('handler.ts must export handleOrder, the function Lambda runs (it exports ValidationError, handle)');
    expect(output).not.toContain('Runtime.HandlerNotFound');
  }, 120_000);
});
