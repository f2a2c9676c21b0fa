import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detailText, outcomeText, reasonText } from '../../site/src/components/live/trace-text.ts';
import { stringsFor } from '../../site/src/components/strings.ts';
import { matchEvent, parsePattern } from '../../src/emulator/services/events/pattern/index.ts';

const zh = stringsFor('zh-cn');
const en = stringsFor('en');
/** English words the matcher and the trace use; none may be left in a Chinese sentence. */
const ENGLISH = /\b(expected|got|anything|but|value|not|field|missing|matched|element|alternative|string|starting|ending|wildcard|ignoring|target|invocation|attempt|message|sent|queue|after|version)\b/;

/** The matcher's own reason for an event a pattern does not match. */
function reasonFor(pattern: object, event: object): string {
  const result = matchEvent(parsePattern(pattern), event);
  if (result.matched) throw new Error('the event matched');
  return result.reason;
}

const EVENT = { source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { total: 24, items: [{ sku: 'MUG' }], region: 'us-west-2' } };

describe("the trace's sentences in the page's language", () => {
  it("says each of the matcher's reasons in Chinese, with the values kept", () => {
    const reasons = [
      reasonFor({ 'detail-type': ['OrderCancelled'] }, EVENT),
      reasonFor({ detail: { coupon: ['X'] } }, EVENT),
      reasonFor({ detail: { coupon: [{ exists: true }] } }, EVENT),
      reasonFor({ detail: { total: [{ exists: false }] } }, EVENT),
      reasonFor({ detail: { region: [{ prefix: 'eu-' }] } }, EVENT),
      reasonFor({ detail: { region: [{ suffix: { 'equals-ignore-case': '-1' } }] } }, EVENT),
      reasonFor({ detail: { region: [{ wildcard: 'eu-*' }] } }, EVENT),
      reasonFor({ detail: { total: [{ numeric: ['>', 100] }] } }, EVENT),
      reasonFor({ detail: { region: [{ numeric: ['>', 100] }] } }, EVENT),
      reasonFor({ detail: { items: ['MUG'] } }, EVENT),
      reasonFor({ $or: [{ source: ['shop.returns'] }, { 'detail-type': ['OrderCancelled'] }] }, EVENT),
      reasonFor({ source: [{ 'anything-but': 'shop.orders' }] }, EVENT),
      reasonFor({ detail: { region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] } }, EVENT),
      reasonFor({ detail: { region: [{ 'anything-but': { suffix: '-2' } }] } }, EVENT),
      reasonFor({ detail: { region: [{ 'anything-but': { wildcard: 'us-*' } }] } }, EVENT),
      reasonFor({ detail: { region: [{ 'anything-but': { 'equals-ignore-case': 'US-WEST-2' } }] } }, EVENT),
    ];
    const said = reasons.map((reason) => reasonText(reason, zh.trace, 'zh-cn'));
    for (const [index, text] of said.entries()) expect(text, reasons[index]).not.toMatch(ENGLISH);
    expect(said[0]).toBe('应为 ["OrderCancelled"] 之一，实际为 "OrderPlaced"');
    expect(said[4]).toBe('应为以 "eu-" 开头的字符串，实际为 "us-west-2"');
    expect(said[11]).toBe('应为除 "shop.orders" 以外的任何值，实际为 "shop.orders"');
    expect(said[12]).toBe('应为不以 "us-" 开头的值并且不以 "eu-" 开头的值，实际为 "us-west-2"');
    // English pages show the matcher's words as they are.
    for (const reason of reasons) expect(reasonText(reason, en.trace, 'en')).toBe(reason);
  });

  it('counts targets and attempts in each language', () => {
    expect(detailText('1 target(s)', en.trace, 'en')).toBe('1 target');
    expect(detailText('2 target(s)', en.trace, 'en')).toBe('2 targets');
    expect(detailText('2 target(s)', zh.trace, 'zh-cn')).toBe('2 个目标');
    const sent = 'Failure after 3 attempt(s); the record was sent to arn:aws:sqs:us-east-1:000000000000:failed-orders';
    expect(detailText(sent, en.trace, 'en')).toBe('Failure after 3 attempts; the record was sent to arn:aws:sqs:us-east-1:000000000000:failed-orders');
    expect(detailText(sent, zh.trace, 'zh-cn')).toBe('3 次尝试后失败，记录已发送到 arn:aws:sqs:us-east-1:000000000000:failed-orders');
    const lost = 'Success after 1 attempt(s); the record could not be sent to arn:aws:sqs:us-east-1:000000000000:gone: queue does not exist';
    expect(detailText(lost, en.trace, 'en')).toBe('Success after 1 attempt; the record could not be sent to arn:aws:sqs:us-east-1:000000000000:gone: queue does not exist');
    expect(detailText(lost, zh.trace, 'zh-cn')).toBe('1 次尝试后成功，记录无法发送到 arn:aws:sqs:us-east-1:000000000000:gone：queue does not exist');
  });

  it('says an invocation and a batch in Chinese, keeping names, codes and the learner\'s error', () => {
    const call = 'asynchronous invocation of version $LATEST, attempt 2, cold start, 1234.5 ms: Error';
    expect(detailText(call, zh.trace, 'zh-cn')).toBe('异步调用版本 $LATEST，第 2 次尝试，冷启动，1,234.5 毫秒：Error');
    expect(detailText(call, en.trace, 'en')).toBe('asynchronous invocation of version $LATEST, attempt 2, cold start, 1,234.5 ms: Error');
    const queue = 'arn:aws:sqs:us-east-1:000000000000:orders';
    expect(detailText(`1 message(s) from ${queue}`, en.trace, 'en')).toBe(`1 message from ${queue}`);
    expect(detailText(`3 message(s) from ${queue}; 1 reported as failed stay in the queue`, zh.trace, 'zh-cn')).toBe(`来自 ${queue} 的 3 条消息；其中 1 条报告为失败，留在队列中`);
    expect(detailText(`3 message(s) from ${queue}: the function failed, so the batch returns to the queue when its visibility timeout ends`, zh.trace, 'zh-cn')).not.toMatch(ENGLISH);
    expect(detailText(`3 message(s) from ${queue}: Rate exceeded`, zh.trace, 'zh-cn')).toBe(`来自 ${queue} 的 3 条消息：Rate exceeded`);
    expect(detailText('schedule rate(5 minutes) fired', zh.trace, 'zh-cn')).toBe('计划 rate(5 minutes) 已触发');
    // AWS's own error text is quoted as it came.
    expect(detailText('ResourceNotFoundException: Function not found', zh.trace, 'zh-cn')).toBe('ResourceNotFoundException: Function not found');
  });

  it('names outcomes in the page\'s language, and one it does not know as it came', () => {
    expect(outcomeText('delivered', zh.live.outcomes)).toBe('已投递');
    expect(outcomeText('function-error', en.live.outcomes)).toBe('function error');
    expect(outcomeText('paused', zh.live.outcomes)).toBe('paused');
    expect(outcomeText('toString', zh.live.outcomes)).toBe('toString');
  });

  it('has both languages for every outcome the emulator can record', () => {
    const union = /export type TraceOutcome =([^;]+);/.exec(readFileSync('src/emulator/trace.ts', 'utf8'))?.[1] ?? '';
    const outcomes = [...union.matchAll(/'([a-z-]+)'/g)].map((match) => match[1]);
    expect(outcomes).toContain('delivered');
    for (const outcome of outcomes) {
      expect(Object.keys(en.live.outcomes), outcome).toContain(outcome);
      expect(Object.keys(zh.live.outcomes), outcome).toContain(outcome);
    }
  });
});
