import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { listLabs } from '../../src/core/labs.ts';
import { createFunction } from '../support/lambda.ts';
import { eventually } from '../support/eventually.ts';
import { OUTPUT } from './global-setup.ts';
import { useLiveSite } from './support/live-site.ts';
import { browserAvailability, screenshot, waitForText } from './support/browser.ts';
import { SAMPLE_PROGRESS } from './fixtures/progress-sample.ts';

const LABS = listLabs();
const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);

const HANDLER = "exports.handler = async (event) => { console.log('ORDER', event.detail.orderId); return { ok: true }; };";

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!browser.available && !browser.mustFail)('the live parts of the lab pages, with and without a kit', () => {
  const live = useLiveSite('workshop-site-live-', { served: true });

  it('says how to start the kit when none answers, under each lab\'s title', async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/labs/?emulator=${await closedPort()}`);
    // One box per lab, the resource explorer and the event flow.
    await page.waitForFunction(`document.querySelectorAll('.kit-offline').length === ${LABS.length + 2}`);
    for (const text of await page.locator('.kit-offline').allTextContents()) expect(text).toContain('npm start');
    expect(await page.locator('lab-progress .live-title').allTextContents()).toEqual(LABS.map((lab) => `Lab ${lab.number}: ${lab.definition.title.en}`));
    expect(LABS.map((lab) => lab.id)).toContain('05-orders-api');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps hints hidden on a lab page until progress says they were revealed', async () => {
    const hint = 'Return an object with exactly three fields';
    const { page, errors } = await live.chromium.page();
    // No kit: no hint text anywhere, and the way to reveal one.
    await page.goto(`${live.site.url}/labs/01-first-handler/?emulator=${await closedPort()}`);
    const status = 'lab-checks .hint-status';
    expect(await waitForText(page, status, 'npx workshop hint 01')).toContain('npm start');
    expect(await page.locator('main').textContent()).not.toContain(hint);
    expect(await page.locator('lab-checks .hint').count()).toBe(0);

    // A kit whose progress names one hint: that one shows under its check, the rest stay hidden.
    writeFileSync(join(live.folder, 'progress.json'), JSON.stringify(SAMPLE_PROGRESS));
    await page.goto(`${live.site.url}/labs/01-first-handler/?emulator=${live.kit.port}`);
    expect(await waitForText(page, 'lab-checks li[data-check="accepts-valid-order"] .hint', hint)).toContain('Hint 1');
    expect(await page.locator('lab-checks .hint').count()).toBe(1);
    expect(await page.locator(status).textContent()).toContain('1 of 7 hints revealed');

    // A progress file that only counts hints (no ids) reveals none.
    const counted = structuredClone(SAMPLE_PROGRESS) as { labs: Record<string, Record<string, unknown>> };
    delete counted.labs['01-first-handler']!.hintsRevealed;
    counted.labs['01-first-handler']!.hintsShown = 3;
    writeFileSync(join(live.folder, 'progress.json'), JSON.stringify(counted));
    await page.reload();
    expect(await waitForText(page, status, 'No hints revealed yet')).toContain('npx workshop hint 01');
    expect(await page.locator('lab-checks .hint').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("finds the kit from the address the server wrote into the page, with no ?emulator=", async () => {
    writeFileSync(join(live.folder, 'progress.json'), JSON.stringify(SAMPLE_PROGRESS));
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.served!.url}/labs/`);
    expect(await waitForText(page, 'lab-progress[data-lab="01-first-handler"]', '7 of 10 points')).toContain('Lab 01: Your first order handler');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a lab's progress, the account's resources and an event's flow from a running kit", async () => {
    writeFileSync(join(live.folder, 'progress.json'), JSON.stringify(SAMPLE_PROGRESS));
    const { lambda, eventbridge } = live.clients;
    await createFunction(lambda, 'shop-handle-order', { files: { 'index.js': HANDLER } });
    const rule = await eventbridge.send(new PutRuleCommand({ Name: 'orders-to-handler', EventPattern: JSON.stringify({ source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }) }));
    await eventbridge.send(new PutRuleCommand({ Name: 'cancelled-orders', EventPattern: JSON.stringify({ source: ['shop.orders'], 'detail-type': ['OrderCancelled'] }) }));
    await lambda.send(new AddPermissionCommand({ FunctionName: 'shop-handle-order', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: rule.RuleArn! }));
    const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:shop-handle-order';
    await eventbridge.send(new PutTargetsCommand({ Rule: 'orders-to-handler', Targets: [{ Id: 'handler', Arn: functionArn }] }));
    const put = await eventbridge.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-42', total: 24 }) }] }));
    const eventId = put.Entries![0]!.EventId!;
    await eventually(async () => {
      const answer = (await (await fetch(`${live.kit.url}/_workshop/trace?eventId=${eventId}`)).json()) as { entries: TraceEntry[] };
      return answer.entries.some((entry) => entry.kind === 'invocation' && entry.outcome === 'success');
    }, 20_000);

    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/labs/?emulator=${live.kit.port}`);
    const progress = 'lab-progress[data-lab="01-first-handler"]';
    expect(await waitForText(page, progress, '7 of 10 points')).toContain('70%');
    expect(await page.locator(`${progress} .live-title`).textContent()).toBe('Lab 01: Your first order handler');
    expect(await page.locator(`${progress} .meta`).textContent()).toContain('Hints revealed: 1');
    expect(await page.locator(`${progress} li.passed`).count()).toBe(3);
    expect(await page.locator(`${progress} li.failed`).textContent()).toContain('expected totalCents 2592, got 2600');
    expect(await page.locator('lab-progress[data-lab="02-deploy-with-sdk"]').textContent()).toContain('npx workshop check 02');

    const flow = `event-flow article[data-event-id="${eventId}"]`;
    await waitForText(page, flow, 'shop.orders / OrderPlaced');
    expect(await page.locator(`${flow} li.matched[data-rule="orders-to-handler"]`).textContent()).toMatch(/function:shop-handle-order.*delivered.*success/s);
    const missed = await page.locator(`${flow} li.not-matched[data-rule="cancelled-orders"]`).textContent();
    expect(missed).toContain('detail-type');
    expect(missed).toContain('"OrderCancelled"');

    await waitForText(page, 'resource-explorer [data-section=functions]', 'shop-handle-order');
    expect(await page.locator('resource-explorer [data-section=rules]').textContent()).toContain('cancelled-orders');
    await page.locator('resource-explorer [data-section=invocations] summary').first().click();
    expect(await page.locator('resource-explorer [data-section=invocations] pre').first().textContent()).toMatch(/INFO\tORDER o-42/);
    await screenshot(page, OUTPUT, 'labs-live');

    await page.goto(`${live.site.url}/zh-cn/labs/?emulator=${live.kit.port}`);
    expect(await waitForText(page, progress, '7 / 10 分')).toContain('最佳');
    expect(await page.locator(`${progress} .live-title`).textContent()).toBe('实验 01：你的第一个订单处理函数');
    await waitForText(page, flow, '不匹配');
    await screenshot(page, OUTPUT, 'labs-live-zh-cn');
    expect(errors).toEqual([]);
    await page.close();
  });
});
