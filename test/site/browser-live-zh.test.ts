import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand } from '@aws-sdk/client-lambda';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';
import { OUTPUT } from './global-setup.ts';
import { useLiveSite } from './support/live-site.ts';
import { browserAvailability, screenshot, waitForText } from './support/browser.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);

const LAB = '01-first-handler';
const FAILED = { en: 'expected totalCents 2592, got 2600', 'zh-cn': 'totalCents 应为 2592，实际为 2600' };
const PROGRESS = {
  version: 1,
  labs: {
    [LAB]: {
      bestScore: 7,
      maxScore: 10,
      checksPassed: ['accepts-valid-order', 'rejects-invalid-orders', 'logs-structured-line'],
      hintsRevealed: ['shape-of-answer'],
      lastRun: '2026-11-25T10:00:00.000Z',
      lastResult: {
        checks: [
          { id: 'accepts-valid-order', title: 'Accepts a valid order and returns its total', passed: true, points: 3, maxPoints: 3, message: 'totalCents 2400 as expected', texts: { en: 'totalCents 2400 as expected', 'zh-cn': 'totalCents 为 2400，符合预期' } },
          { id: 'applies-discount-and-tax', title: 'Applies the discount code, then the tax, in whole cents', passed: false, points: 0, maxPoints: 3, message: FAILED.en, texts: FAILED },
          { id: 'rejects-invalid-orders', title: 'Rejects invalid orders with a ValidationError', passed: true, points: 3, maxPoints: 3, message: '' },
          { id: 'logs-structured-line', title: 'Logs one JSON line per accepted order', passed: true, points: 1, maxPoints: 1, message: '' },
        ],
      },
    },
  },
};
/** Progress written before the kit spoke two languages: English messages only, and a check lab.json no longer has. */
const OLD_PROGRESS = {
  version: 1,
  labs: {
    [LAB]: {
      ...PROGRESS.labs[LAB],
      lastResult: {
        checks: [
          { id: 'applies-discount-and-tax', title: 'Applies the discount code, then the tax, in whole cents', passed: false, points: 0, maxPoints: 3, message: FAILED.en },
          { id: 'retired-check', title: 'A check from an older lab', passed: true, points: 1, maxPoints: 1, message: '' },
        ],
      },
    },
  },
};
const HANDLER = "exports.handler = async (event) => { console.log('ORDER', event.detail.orderId); return { ok: true }; };";
const LIVE = 'lab-progress, resource-explorer, event-flow';
/** Words the live parts said in English on Chinese pages; none may be left there. */
const ENGLISH = /\b(passed|failed|delivered|success|targets?|matched|no match|(a)?synchronous|invocation|attempt|version|best|points?|last check|hints revealed|seconds|expected|got)\b|target\(s\)/i;

/** The live parts' text, without the learner's own log lines. */
async function liveText(page: Page): Promise<string> {
  // Written as a string: the project's TypeScript has no DOM types, and this runs in the page.
  return page.evaluate<string>(`[...document.querySelectorAll(${JSON.stringify(LIVE)})].map((node) => {
    const copy = node.cloneNode(true);
    for (const logs of copy.querySelectorAll('pre')) logs.remove();
    return copy.textContent;
  }).join('\\n')`);
}

describe.skipIf(!browser.available && !browser.mustFail)('the live parts in the page\'s language', () => {
  const live = useLiveSite('workshop-site-live-zh-');
  let eventId: string;

  beforeAll(async () => {
    writeFileSync(join(live.folder, 'progress.json'), JSON.stringify(PROGRESS));

    // An event two rules match (one with two targets, one with one) and one rule misses.
    const { lambda, eventbridge } = live.clients;
    const arn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
    for (const name of ['shop-handle-order', 'shop-audit-order']) await createFunction(lambda, name, { files: { 'index.js': HANDLER }, Timeout: 3 });
    const rules = [
      { Name: 'orders-to-handler', EventPattern: JSON.stringify({ source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }), targets: ['shop-handle-order', 'shop-audit-order'] },
      { Name: 'audit-all-orders', EventPattern: JSON.stringify({ source: ['shop.orders'] }), targets: ['shop-audit-order'] },
      { Name: 'cancelled-orders', EventPattern: JSON.stringify({ source: ['shop.orders'], 'detail-type': ['OrderCancelled'] }), targets: [] },
    ];
    for (const { targets, ...rule } of rules) {
      const { RuleArn } = await eventbridge.send(new PutRuleCommand(rule));
      for (const name of targets) {
        await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: rule.Name, Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: RuleArn! }));
      }
      if (targets.length > 0) await eventbridge.send(new PutTargetsCommand({ Rule: rule.Name, Targets: targets.map((name) => ({ Id: name, Arn: arn(name) })) }));
    }
    const put = await eventbridge.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-42' }) }] }));
    eventId = put.Entries![0]!.EventId!;
    await eventually(async () => {
      const answer = (await (await fetch(`${live.kit.url}/_workshop/trace?eventId=${eventId}`)).json()) as { entries: TraceEntry[] };
      return answer.entries.filter((entry) => entry.kind === 'invocation' && entry.outcome === 'success').length === 3;
    }, 20_000);
  });

  const progress = `lab-progress[data-lab="${LAB}"]`;
  const flow = () => `event-flow article[data-event-id="${eventId}"]`;

  it('speaks Chinese on the Chinese labs page: progress, resources and the event flow', async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/zh-cn/labs/?emulator=${live.kit.port}`);
    expect(await waitForText(page, progress, '最佳：7 / 10 分（70%）')).toContain('上次检查：2026年11月25日');
    const failed = `${progress} li.failed[data-check="applies-discount-and-tax"]`;
    expect(await page.locator(`${failed} .check-title`).textContent()).toBe('先应用折扣码，再计算税费，金额均为整数分');
    expect(await page.locator(`${failed} .check-message`).textContent()).toBe(FAILED['zh-cn']);
    expect(await page.locator(`${failed} .check-points`).textContent()).toBe('0/3 分');
    expect(await page.locator(`${failed} .mark`).getAttribute('aria-label')).toBe('未通过');
    expect(await page.locator(`${progress} .meta`).textContent()).toContain('已揭示提示：1');

    await waitForText(page, flow(), 'shop.orders / OrderPlaced');
    const twoTargets = (await page.locator(`${flow()} li.matched[data-rule="orders-to-handler"]`).textContent()) ?? '';
    expect(twoTargets).toContain('匹配 · 2 个目标');
    expect(twoTargets).toMatch(/shop-handle-order已投递.*成功异步调用版本 \$LATEST，第 1 次尝试/s);
    expect(await page.locator(`${flow()} li.matched[data-rule="audit-all-orders"]`).textContent()).toContain('匹配 · 1 个目标');
    expect(await page.locator(`${flow()} li.not-matched[data-rule="cancelled-orders"]`).textContent()).toContain('不匹配：detail-type 应为 ["OrderCancelled"] 之一，实际为 "OrderPlaced"');

    await waitForText(page, 'resource-explorer [data-section=functions]', 'shop-audit-order');
    const functions = (await page.locator('resource-explorer [data-section=functions]').textContent()) ?? '';
    expect(functions).toContain('函数（2）');
    expect(functions).toContain('3 秒');
    expect(await page.locator('resource-explorer [data-section=rules]').textContent()).toContain('function:shop-handle-order、function:shop-audit-order');
    expect(await page.locator('resource-explorer [data-section=invocations] summary').first().textContent()).toMatch(/ · 成功 · 异步调用/);

    expect((await liveText(page)).match(ENGLISH)).toBeNull();
    await screenshot(page, OUTPUT, 'labs-live-zh-cn-words');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('still speaks English on the English labs page', async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/labs/?emulator=${live.kit.port}`);
    expect(await waitForText(page, progress, 'Best: 7 of 10 points (70%)')).toContain('Last check: Nov 25, 2026');
    const failed = `${progress} li.failed[data-check="applies-discount-and-tax"]`;
    expect(await page.locator(`${failed} .check-title`).textContent()).toBe('Applies the discount code, then the tax, in whole cents');
    expect(await page.locator(`${failed} .check-message`).textContent()).toBe(FAILED.en);
    expect(await page.locator(`${failed} .mark`).getAttribute('aria-label')).toBe('failed');

    await waitForText(page, flow(), 'shop.orders / OrderPlaced');
    expect(await page.locator(`${flow()} li.matched[data-rule="orders-to-handler"]`).textContent()).toMatch(/matched · 2 targets.*delivered.*successasynchronous invocation of version \$LATEST, attempt 1/s);
    expect(await page.locator(`${flow()} li.matched[data-rule="audit-all-orders"] .node small`).first().textContent()).toBe('matched · 1 target');
    expect(await page.locator(`${flow()} li.not-matched[data-rule="cancelled-orders"]`).textContent()).toContain('no match: detail-type expected one of ["OrderCancelled"], got "OrderPlaced"');
    await waitForText(page, 'resource-explorer [data-section=functions]', 'shop-audit-order');
    expect(await page.locator('resource-explorer [data-section=functions]').textContent()).toContain('Functions (2)');
    expect(await page.locator('resource-explorer [data-section=functions]').textContent()).toContain('3 seconds');
    expect(await liveText(page)).not.toMatch(/[\u4e00-\u9fff]/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an older record's English message and title where no translation exists", async () => {
    writeFileSync(join(live.folder, 'progress.json'), JSON.stringify(OLD_PROGRESS));
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/zh-cn/labs/?emulator=${live.kit.port}`);
    await waitForText(page, progress, 'A check from an older lab');
    expect(await page.locator(`${progress} li[data-check="applies-discount-and-tax"] .check-title`).textContent()).toBe('先应用折扣码，再计算税费，金额均为整数分');
    expect(await page.locator(`${progress} li[data-check="applies-discount-and-tax"] .check-message`).textContent()).toBe(FAILED.en);
    expect(errors).toEqual([]);
    await page.close();
    writeFileSync(join(live.folder, 'progress.json'), JSON.stringify(PROGRESS));
  });

  it("lists a lab's checks and a revealed hint in Chinese on the Chinese lab page", async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/zh-cn/labs/${LAB}/?emulator=${live.kit.port}`);
    const check = `lab-checks li[data-check="accepts-valid-order"]`;
    expect(await page.locator('lab-checks .lab-total').textContent()).toMatch(/^共 10 分。运行 /);
    expect(await page.locator(`${check} > strong`).textContent()).toBe('接受有效订单并返回其总额');
    expect(await page.locator(`${check} > .points`).textContent()).toBe('（3 分 · 2 条提示）');
    expect(await waitForText(page, `${check} .hint`, '返回一个恰好包含三个字段的对象')).toMatch(/^提示 1：返回/);
    expect(await page.locator('lab-checks').textContent()).not.toMatch(/\b(points?|Return an object)\b|Hint \d/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
