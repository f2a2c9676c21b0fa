import { CreateEventBusCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFunction } from '../support/lambda.ts';
import { OUTPUT } from './global-setup.ts';
import { useLiveSite } from './support/live-site.ts';
import { browserAvailability, screenshot, waitForText } from './support/browser.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);

const HANDLER = `exports.handler = async (event) => {
  console.log('charging order', event.orderId);
  if (event.fail) throw new Error('card declined');
  return { charged: event.orderId };
};
`;

describe.skipIf(!browser.available && !browser.mustFail)("the resource explorer's actions", () => {
  const live = useLiveSite('workshop-site-actions-');
  const action = (kind: string) => `resource-explorer details[data-action=${kind}]`;
  const result = (kind: string) => `${action(kind)} .action-result`;

  beforeAll(async () => {
    const { lambda, sqs, eventbridge } = live.clients;
    await createFunction(lambda, 'shop-charge', { files: { 'index.js': HANDLER } });
    await sqs.send(new CreateQueueCommand({ QueueName: 'shop-orders' }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'shop-orders.fifo', Attributes: { FifoQueue: 'true' } }));
    await eventbridge.send(new CreateEventBusCommand({ Name: 'shop-bus' }));
  });

  const invocations = () => live.kit.emulator.trace.list({ account: '000000000000' }).filter((entry) => entry.kind === 'invocation').length;
  const waiting = async (name: string) =>
    (await live.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${live.kit.url}/000000000000/${name}`, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes?.ApproximateNumberOfMessages;

  /** Opens an action, picks the resource and fills the fields, then submits and waits for `expected` in the answer. */
  async function perform(page: Page, kind: string, resource: string, fields: Record<string, string>, expected: string): Promise<string> {
    await page.waitForFunction(`[...document.querySelectorAll(${JSON.stringify(`${action(kind)} select option`)})].some((option) => option.value === ${JSON.stringify(`us-east-1/${resource}`)})`, undefined, { timeout: 10_000 });
    if (!(await page.locator(action(kind)).evaluate((node: { open: boolean }) => node.open))) await page.locator(`${action(kind)} summary`).click();
    await page.locator(`${action(kind)} select`).selectOption(`us-east-1/${resource}`);
    for (const [name, value] of Object.entries(fields)) await page.locator(`${action(kind)} [name=${name}]`).fill(value);
    await page.locator(`${action(kind)} button[type=submit]`).click();
    return waitForText(page, result(kind), expected, 30_000);
  }

  it('invokes, sends, reads and puts from the English labs page', async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/labs/?emulator=${live.kit.port}`);
    expect(await waitForText(page, 'resource-explorer [data-section=actions]', 'Try it')).toContain('signed as account 000000000000');

    expect(await perform(page, 'invoke', 'shop-charge', { payload: '{orderId: o-1}' }, 'not valid JSON')).toContain('The payload is not valid JSON, so nothing was sent.');
    expect(invocations()).toBe(0);
    const invoked = await perform(page, 'invoke', 'shop-charge', { payload: '{"orderId": "o-1"}' }, 'StatusCode');
    expect(invoked).toContain('StatusCode200');
    expect(await page.locator(`${result('invoke')} [data-part=payload]`).textContent()).toBe('{"charged":"o-1"}');
    expect(await page.locator(`${result('invoke')} [data-part=log]`).textContent()).toMatch(/START RequestId[\s\S]*charging order o-1[\s\S]*REPORT RequestId/);
    expect(await perform(page, 'invoke', 'shop-charge', { payload: '{"orderId": "o-2", "fail": true}' }, 'FunctionError')).toContain('FunctionErrorUnhandled');
    expect(await page.locator(`${result('invoke')} [data-part=payload]`).textContent()).toContain('card declined');

    // A FIFO queue needs a group id: AWS's own error comes back when it is left out.
    await page.locator(`${action('send')} summary`).click();
    await page.locator(`${action('send')} select`).selectOption('us-east-1/shop-orders.fifo');
    expect(await page.locator(`${action('send')} [data-field=groupId]`).isVisible()).toBe(true);
    expect(await perform(page, 'send', 'shop-orders.fifo', { groupId: '', dedupId: 'd-1' }, 'AWS answered')).toMatch(/AWS answered MissingRequiredParameterException: The request must contain the parameter MessageGroupId\./);
    expect(await perform(page, 'send', 'shop-orders.fifo', { groupId: 'orders', dedupId: 'd-1', body: '{"orderId": "o-3"}' }, 'SequenceNumber')).toMatch(/MessageId[0-9a-f-]{36}SequenceNumber\d+/);
    await page.locator(`${action('send')} select`).selectOption('us-east-1/shop-orders');
    expect(await page.locator(`${action('send')} [data-field=groupId]`).isVisible()).toBe(false);
    expect(await perform(page, 'send', 'shop-orders', { body: 'order o-4 placed' }, 'MessageId')).not.toContain('SequenceNumber');

    expect(await perform(page, 'peek', 'shop-orders', {}, 'order o-4 placed')).toContain('Messages (1)');
    expect(await page.locator(result('peek')).textContent()).toContain('ApproximateReceiveCount0');
    expect(await waiting('shop-orders')).toBe('1');

    expect(await perform(page, 'put', 'shop-bus', { detail: '{"orderId": ' }, 'not valid JSON')).toContain('The detail is not valid JSON');
    expect(await perform(page, 'put', 'shop-bus', { detail: '[1, 2]' }, 'must be a JSON object')).toContain('nothing was sent');
    const put = await perform(page, 'put', 'shop-bus', { detail: '{"orderId": "o-5"}' }, 'EventId');
    expect(put).toContain('FailedEntryCount0');
    const eventId = (await page.locator(`${result('put')} dd`).nth(1).textContent()) ?? '';
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    await page.locator(`${result('put')} button.action-flow`).click();
    const picture = `event-flow article[data-event-id="${eventId}"]`;
    await page.waitForSelector(picture, { timeout: 15_000 });
    await page.waitForFunction(`(() => { const box = document.querySelector(${JSON.stringify(picture)}).getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; })()`, undefined, { timeout: 10_000 });
    await screenshot(page, OUTPUT, 'explorer-actions');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the same in Chinese on the Chinese labs page', async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/zh-cn/labs/?emulator=${live.kit.port}`);
    expect(await waitForText(page, 'resource-explorer [data-section=actions]', '动手试试')).toContain('以账号 000000000000 的身份签名');
    expect(await page.locator(`${action('invoke')} summary`).textContent()).toBe('调用函数');

    expect(await perform(page, 'invoke', 'shop-charge', { payload: '{"orderId": o-6}' }, 'JSON')).toContain('负载不是有效的 JSON，因此没有发送。');
    const invoked = await perform(page, 'invoke', 'shop-charge', { payload: '{"orderId": "o-6"}' }, '返回的负载');
    expect(invoked).toContain('StatusCode200');
    expect(invoked).toContain('日志尾部');
    expect(invoked).toContain('charging order o-6');

    expect(await perform(page, 'send', 'shop-orders.fifo', { groupId: '', dedupId: 'd-2' }, 'AWS 返回了')).toMatch(/AWS 返回了 MissingRequiredParameterException：The request must contain the parameter MessageGroupId\./);
    expect(await perform(page, 'send', 'shop-orders', { body: '订单 o-7' }, 'MessageId')).toMatch(/MessageId[0-9a-f-]{36}/);
    expect(await perform(page, 'peek', 'shop-orders', {}, '订单 o-7')).toContain('消息（2）');

    expect(await perform(page, 'put', 'shop-bus', { detail: 'o-8' }, 'JSON')).toContain('详情不是有效的 JSON');
    const put = await perform(page, 'put', 'shop-bus', { detail: '{"orderId": "o-8"}' }, 'EventId');
    expect(put).toContain('FailedEntryCount0');
    expect(put).toContain('在事件流中查看此事件');
    expect(errors).toEqual([]);
    await page.close();
  });
});
