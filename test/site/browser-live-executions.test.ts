import { CreateStateMachineCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, SFN_ROLE, sfnClient } from '../emulator/stepfunctions-support.ts';
import { createFunction } from '../support/lambda.ts';
import { OUTPUT } from './global-setup.ts';
import { useLiveSite } from './support/live-site.ts';
import { browserAvailability, screenshot, waitForText } from './support/browser.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);

// Fails the first time it runs in a sandbox, then succeeds: a Retry shows on the timeline.
const FLAKY = "let calls = 0; exports.handler = async (event) => { calls += 1; if (calls === 1) { const e = new Error('busy'); e.name = 'WarehouseBusy'; throw e; } return { ...event, reserved: true }; };";
const MACHINE = {
  StartAt: 'Reserve',
  States: {
    Reserve: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:shop-reserve', Retry: [{ ErrorEquals: ['WarehouseBusy'], IntervalSeconds: 1, MaxAttempts: 2 }], Next: 'Lines' },
    Lines: { Type: 'Map', ItemsPath: '$.lines', ItemProcessor: { StartAt: 'Pack', States: { Pack: { Type: 'Pass', End: true } } }, ResultPath: '$.packed', Next: 'Paid?' },
    'Paid?': { Type: 'Choice', Choices: [{ Variable: '$.paid', BooleanEquals: true, Next: 'Ship' }], Default: 'Refuse' },
    Ship: { Type: 'Succeed' },
    Refuse: { Type: 'Fail', Error: 'PaymentMissing', Cause: 'the order is not paid' },
  },
};
/** Kit words in English that a Chinese page must not show outside names. */
const ENGLISH = /\b(succeeded|failed|retried|entered|running|started|stopped|before|times|once)\b/;

describe.skipIf(!browser.available && !browser.mustFail)('state machine executions in the event-flow view', () => {
  const live = useLiveSite('workshop-site-executions-');
  const ids = { shipped: '', refused: '', stopped: '' };
  const drawn = (arn: string) => `event-flow article.flow-execution[data-execution="${arn}"]`;
  let sfn: ReturnType<typeof sfnClient> | undefined;
  afterAll(() => sfn?.destroy());

  beforeAll(async () => {
    await createFunction(live.clients.lambda, 'shop-reserve', { files: { 'index.js': FLAKY } });
    sfn = sfnClient(live.kit.url);
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'place-order', definition: JSON.stringify(MACHINE), roleArn: SFN_ROLE }));
    const start = async (name: string, input: object) => (await sfn!.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }))).executionArn!;
    ids.shipped = await start('o-1', { paid: true, lines: [1, 2, 3] });
    await finished(sfn, ids.shipped);
    ids.refused = await start('o-2', { paid: false, lines: [1] });
    await finished(sfn, ids.refused);
    const waiting = { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, End: true } } };
    const held = await sfn.send(new CreateStateMachineCommand({ name: 'hold-order', definition: JSON.stringify(waiting), roleArn: SFN_ROLE }));
    ids.stopped = (await sfn.send(new StartExecutionCommand({ stateMachineArn: held.stateMachineArn, name: 'o-3' }))).executionArn!;
    await sfn.send(new StopExecutionCommand({ executionArn: ids.stopped, error: 'Cancelled' }));
  });

  it('draws each execution state by state on the English labs page', async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/labs/?emulator=${live.kit.port}`);
    await waitForText(page, drawn(ids.shipped), 'place-order: o-1');
    expect(await page.locator('event-flow .executions-title').textContent()).toBe('State machine executions');
    const states = async (arn: string) => page.locator(`${drawn(arn)} .node.state`).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-state')));
    expect(await states(ids.shipped)).toEqual(['Reserve', 'Lines', 'Pack', 'Paid?', 'Ship']);
    expect(await page.locator(`${drawn(ids.shipped)} [data-state="Reserve"]`).textContent()).toBe('Reservesucceededretried once');
    expect(await page.locator(`${drawn(ids.shipped)} [data-state="Pack"]`).textContent()).toContain('entered 3 times');
    expect(await page.locator(`${drawn(ids.shipped)} .node.result`).textContent()).toBe('succeeded');
    expect(await page.locator(`${drawn(ids.refused)} [data-state="Refuse"]`).textContent()).toBe('Refusefailed with PaymentMissing');
    expect(await page.locator(`${drawn(ids.refused)} .node.result`).textContent()).toBe('failed with PaymentMissing');
    expect(await page.locator(`${drawn(ids.stopped)} .node.result`).textContent()).toBe('stopped by StopExecution');
    expect(await page.locator(`${drawn(ids.stopped)} [data-state="Hold"]`).textContent()).toBe('Holdstopped before it ended');
    // Newest first.
    const order = await page.locator('event-flow article.flow-execution').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-execution')));
    expect(order).toEqual([ids.stopped, ids.refused, ids.shipped]);
    await screenshot(page, OUTPUT, 'flow-executions');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says it in Chinese on the Chinese labs page', async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/zh-cn/labs/?emulator=${live.kit.port}`);
    await waitForText(page, drawn(ids.shipped), 'place-order：o-1');
    expect(await page.locator('event-flow .executions-title').textContent()).toBe('状态机执行');
    expect(await page.locator(`${drawn(ids.shipped)} [data-state="Reserve"]`).textContent()).toBe('Reserve成功重试 1 次');
    expect(await page.locator(`${drawn(ids.refused)} .node.result`).textContent()).toBe('失败：PaymentMissing');
    expect(await page.locator(`${drawn(ids.stopped)} .node.result`).textContent()).toBe('已被 StopExecution 停止');
    for (const arn of Object.values(ids)) {
      const small = await page.locator(`${drawn(arn)} small`).allTextContents();
      for (const line of small) expect(line, line).not.toMatch(ENGLISH);
    }
    await screenshot(page, OUTPUT, 'flow-executions-zh-cn');
    expect(errors).toEqual([]);
    await page.close();
  });
});
