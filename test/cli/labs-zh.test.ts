/**
 * Labs 02 to 04 through the real CLI in Chinese: the starter's checklist and a known mistake's
 * likely cause are Chinese, with no English sentence left (AWS's words, code and names aside).
 * Each lab's runs share one emulator port of their own (a few seconds a run).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { findLab, type Lab } from '../../src/core/labs.ts';
import { applyMutant, listMutants } from '../../src/core/mutants.ts';
import { CLI_ENTRY } from '../support/cli.ts';
import { englishLeaks } from '../support/english-leaks.ts';
import { freePort } from '../support/ports.ts';

const root = mkdtempSync(join(tmpdir(), 'labs-zh-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A learner folder holding the lab's starter. */
function starter(lab: Lab, name = 'starter'): string {
  const dir = join(root, `${lab.number}-${name}`);
  cpSync(join(KIT_ROOT, 'labs', lab.id), join(dir, lab.id), { recursive: true });
  return dir;
}

/** A learner folder holding the lab's solution with one mutant applied. */
function mutated(lab: Lab, name: string): string {
  const mutant = listMutants(lab).find((each) => each.name === name);
  if (!mutant) throw new Error(`lab ${lab.id} has no mutant ${name}`);
  const dir = join(root, `${lab.number}-${name}`);
  cpSync(lab.solutionDir, join(dir, lab.id), { recursive: true });
  cpSync(join(KIT_ROOT, 'labs', lab.id, 'lab.json'), join(dir, lab.id, 'lab.json'));
  applyMutant(mutant, join(dir, lab.id));
  return dir;
}

/** `workshop check NN` on `dir` in Chinese, against the emulator at `port`, and what it printed. */
function checkInChinese(lab: Lab, dir: string, port: number): Promise<string> {
  const env = { ...process.env, WORKSHOP_LANG: 'zh-cn', AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, WORKSHOP_TARGET: 'emulator', NO_COLOR: '1', FORCE_COLOR: '0' };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_ENTRY, 'check', lab.number, '--dir', dir, '--seed', '1002'], { env, cwd: root, timeout: 90_000 }, (_error, stdout, stderr) => resolve(stdout + stderr));
  });
}

describe('labs 02-04 in Chinese', () => {
  it('lab 02: the starter and a timeout kept on update', async () => {
    const lab = findLab('02');
    const port = await freePort();
    const first = await checkInChinese(lab, starter(lab), port);
    expect(first).toContain('实验 02：用 AWS SDK 部署函数');
    expect(first).toMatch(/✖ 按描述创建函数并返回其 ARN\s+0\/3\n\s+deployFunction 返回后并没有函数 \S+-02-shop-hello：它发送 CreateFunctionCommand 了吗？/);
    expect(first).toContain('第二次部署后的 Handler：应为 ');
    const mistake = await checkInChinese(lab, mutated(lab, 'timeout-kept-on-update'), port);
    expect(mistake).toMatch(/✔ 按描述创建函数并返回其 ARN/);
    expect(mistake).toMatch(/-02-configure-b 的 Timeout（第二次部署没有指定超时，第一次指定的是 \d+）：应为 3（Lambda 的默认值），实际为 \d+。可能的原因：之前的超时保留了下来：UpdateFunctionConfiguration 会保留没有发送给它的设置/);
    for (const output of [first, mistake]) expect(englishLeaks(output), output).toEqual([]);
  }, 120_000);

  it('lab 03: the starter, a listing oldest first, and a handler that does not compile', async () => {
    const lab = findLab('03');
    const port = await freePort();
    const first = await checkInChinese(lab, starter(lab), port);
    expect(first).toContain('实验 03：把订单存入 DynamoDB');
    expect(first).toMatch(/✖ 创建订单表及其按客户的索引\s+0\/3\n\s+createOrdersTable 返回后并没有表 \S+：它发送 CreateTableCommand 了吗？/);
    expect(first).toContain('storeOrder 对订单 ord-1001 作出了回答，但表中没有这个 orderId 的项目');
    const mistake = await checkInChinese(lab, mutated(lab, 'oldest-first'), port);
    expect(mistake).toMatch(/✖ 列出某位客户的订单，从新到旧，跨越所有分页\s+0\/2\n\s+listCustomerOrders 把订单按从旧到新的顺序列出（客户 cus-\w+）：Query 按排序键（createdAt）升序返回项目，ScanIndexForward: false 会把顺序反过来/);
    const broken = starter(lab, 'broken');
    writeFileSync(join(broken, lab.id, 'store-order.ts'), 'export async function storeOrder(event) {\n  return { stored: \n}\n');
    const uncompiled = await checkInChinese(lab, broken, port);
    expect(uncompiled).toMatch(/store-order\.ts 无法编译：\S*store-order\.ts:3:\d+: `.+`。改好这一行，保存后再检查一次/);
    for (const output of [first, mistake, uncompiled]) expect(englishLeaks(output), output).toEqual([]);
  }, 120_000);

  it('lab 04: the starter and a function EventBridge may not invoke', async () => {
    const lab = findLab('04');
    const port = await freePort();
    const first = await checkInChinese(lab, starter(lab), port);
    expect(first).toContain('实验 04：把订单事件路由到函数');
    expect(first).toMatch(/✖ 在事件总线上创建规则并返回规则的 ARN\s+0\/2\n\s+setupOrderEvents 返回后，总线 \S+ 上并没有规则 \S+（"Event bus \S+ does not exist\."）/);
    // EventBridge takes events for a bus that does not exist and drops them, as AWS does: the grader sees no delivery.
    expect(first).toMatch(/总线 \S+ 上没有名为 \S+ 的规则收到订单 \S+ 的 Order Placed 事件/);
    const mistake = await checkInChinese(lab, mutated(lab, 'no-permission'), port);
    expect(mistake).toMatch(/✔ 在事件总线上创建规则并返回规则的 ARN/);
    expect(mistake).toContain('EventBridge 无权调用该函数，所以订单 ord-1001 的 Order Placed 事件被丢弃了：函数需要一条权限（AddPermission），允许主体 events.amazonaws.com 调用 lambda:InvokeFunction，并以规则的 ARN 作为 SourceArn。跟踪记录中的原因：NO_PERMISSIONS');
    for (const output of [first, mistake]) expect(englishLeaks(output), output).toEqual([]);
  }, 120_000);
});
