/**
 * The graders' message helpers: an order in a few words, the likely cause of a wrong value, the
 * shop's pricing rule against the README's examples, and which Lambda update was refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectValue, gives, likelyCause, mismatch, offBy, reversed, shown, when } from '../../src/core/grader/feedback.ts';
import { codeSha256, isChangeInProgress, refusedUpdateMessage } from '../../src/core/grader/lambda-feedback.ts';
import { describeOrder, DISCOUNT_PERCENT, INHERITED_KEYS, priceOrder, pricingCauses, randomOrder, roundedOnce, type CheckoutOrder } from '../../src/core/grader/orders.ts';
import { generator } from '../../src/core/grader/random.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';

const order = (items: Array<[number, number]>, discountCode?: string): CheckoutOrder => ({
  orderId: 'ord-1',
  customerId: 'cus-1',
  currency: 'EUR',
  items: items.map(([quantity, unitPriceCents], index) => ({ sku: `SKU-${index}`, quantity, unitPriceCents })),
  ...(discountCode === undefined ? {} : { discountCode }),
});

describe('describeOrder', () => {
  it('writes the lines, the code and the currency in a few words', () => {
    expect(describeOrder(order([[2, 1250], [1, 399]], 'WELCOME10')).texts).toEqual({ en: '2 x 1250 + 1 x 399, code WELCOME10, EUR', 'zh-cn': '2 × 1250 + 1 × 399，折扣码 WELCOME10，EUR' });
    expect(describeOrder(order([[3, 5]])).texts.en).toBe('3 x 5, no code, EUR');
    expect(describeOrder({ ...order([]), currency: 'JPY' }).texts.en).toBe('no items, no code, JPY');
  });
});

describe('likelyCause', () => {
  it('names the first cause that explains the value, and none for the right value', () => {
    const causes = [gives(10, 'ten'), offBy(1, 'one off'), when((got) => got === null, 'null')];
    expect(likelyCause(10, 12, causes)).toBe('ten');
    expect(likelyCause(13, 12, causes)).toBe('one off');
    expect(likelyCause(null, 12, causes)).toBe('null');
    expect(likelyCause(20, 12, causes)).toBeUndefined();
    expect(likelyCause(12, 12, causes)).toBeUndefined();
  });

  it('never blames a mistake that gives the right value anyway', () => {
    expect(likelyCause(11, 12, [gives(12, 'same as expected'), offBy(1, 'one off')])).toBe('one off');
  });

  it('recognises a list in the opposite order, and compares values deeply', () => {
    const newestFirst = [{ id: 3 }, { id: 2 }, { id: 1 }];
    expect(likelyCause([{ id: 1 }, { id: 2 }, { id: 3 }], newestFirst, [reversed('sort newest first')])).toBe('sort newest first');
    expect(likelyCause([{ id: 1 }], [{ id: 1 }, { id: 2 }], [reversed('sort newest first')])).toBeUndefined();
    expect(likelyCause([1, 1], [1, 1], [reversed('palindromes are never reversed')])).toBeUndefined();
  });
});

describe('mismatch and expectValue', () => {
  it('says what, for which input, expected (and how), got, and the cause', () => {
    const line = mismatch({ what: 'totalCents', input: 'order ord-1 (2 x 1250, no code, EUR)', expected: 3000, because: '2500 + 500 tax', got: 2500, causes: [gives(2500, 'no tax')] });
    expect(line.texts.en).toBe('totalCents for order ord-1 (2 x 1250, no code, EUR): expected 3000 (2500 + 500 tax), got 2500. Likely cause: no tax');
    expect(line.texts['zh-cn']).toBe('totalCents（order ord-1 (2 x 1250, no code, EUR)）：应为 3000（2500 + 500 tax），实际为 2500。可能的原因：no tax');
    expect(mismatch({ what: 'status', expected: 'accepted', got: undefined }).texts.en).toBe('status: expected "accepted", got undefined');
  });

  it('throws only when the values differ', () => {
    expect(() => expectValue({ what: 'x', expected: { a: [1] }, got: { a: [1] } })).not.toThrow();
    expect(() => expectValue({ what: 'x', expected: 1, got: 2, causes: [offBy(1, 'a cent off')] })).toThrow('x: expected 1, got 2. Likely cause: a cent off');
  });

  it('shows values in one line', () => {
    expect(shown(Number.NaN)).toBe('NaN');
    expect(shown({ a: 1 })).toBe('{"a":1}');
    expect(shown(null)).toBe('null');
  });
});

describe('the shop pricing rule and its usual mistakes', () => {
  it('gives the totals the lab README states', () => {
    const readme = readFileSync(join(KIT_ROOT, 'labs', '01-first-handler', 'README.md'), 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(readme)![1]!) as CheckoutOrder;
    const stated = Number(/"orderId": "ord-1001", "totalCents": (\d+)/.exec(readme)![1]);
    expect(priceOrder(example).total).toBe(stated);
    const withoutCode = { ...example };
    delete withoutCode.discountCode;
    const statedWithoutCode = Number(/without\s+`discountCode`[^.]*?totals (\d+)/.exec(readme)![1]);
    expect(priceOrder(withoutCode).total).toBe(statedWithoutCode);
  });

  it('names each mistake by the total it gives', () => {
    const readme = order([[2, 1250]], 'WELCOME10');
    const causeOf = (got: unknown) => {
      const cause = likelyCause(got, priceOrder(readme).total, pricingCauses(readme));
      return typeof cause === 'object' ? cause.texts.en : cause;
    };
    expect(priceOrder(readme)).toEqual({ subtotal: 2500, discount: 250, tax: 450, total: 2700 });
    expect(causeOf(2750)).toMatch(/tax was computed on the subtotal before the discount/);
    expect(causeOf(2250)).toMatch(/has no tax/);
    expect(causeOf(3000)).toMatch(/has no discount: take WELCOME10 off/);
    expect(causeOf(2500)).toMatch(/plain subtotal/);
    expect(causeOf(2701)).toMatch(/a cent off is rounding: round the discount and the tax separately/);
    expect(causeOf(null)).toMatch(/NaN/);
    expect(causeOf(2700.4)).toMatch(/whole cents/);
    expect(causeOf(1234)).toBeUndefined();
    const chinese = likelyCause(2750, 2700, pricingCauses(readme));
    expect(typeof chinese === 'object' && chinese.texts['zh-cn']).toBe('税费是按折扣前的小计计算的：先减去折扣，再对剩下的金额加 20% 的税');
  });

  it('finds a cent off when only the total is rounded', () => {
    const sensitive = order([[5, 7905]], 'WELCOME10');
    expect(roundedOnce(sensitive)).toBe(priceOrder(sensitive).total + 1);
    const cause = likelyCause(roundedOnce(sensitive), priceOrder(sensitive).total, pricingCauses(sensitive));
    expect(typeof cause === 'object' ? cause.texts.en : cause).toMatch(/a cent off is rounding/);
  });

  it('knows no inherited name as a code, though `in` finds each of them', () => {
    for (const key of INHERITED_KEYS) {
      expect(key in { WELCOME10: 10 }).toBe(true);
      expect(DISCOUNT_PERCENT.has(key)).toBe(false);
      expect(() => priceOrder(order([[1, 100]], key))).not.toThrow();
      expect(priceOrder(order([[1, 100]], key)).total).toBe(120);
    }
  });

  it('draws every inherited name across seeds, and the same one for the same seed', () => {
    const drawn = new Set(Array.from({ length: 200 }, (_, seed) => generator(seed).pick(INHERITED_KEYS)));
    expect([...drawn].sort()).toEqual([...INHERITED_KEYS].sort());
    expect(randomOrder(generator(7))).toEqual(randomOrder(generator(7)));
    expect(randomOrder(generator(7))).not.toEqual(randomOrder(generator(8)));
  });
});

describe('refused Lambda updates', () => {
  const busy = { name: 'ResourceConflictException', message: 'The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:000000000000:function:f' };

  it('tells a change in progress from other conflicts', () => {
    expect(isChangeInProgress(busy)).toBe(true);
    expect(isChangeInProgress({ name: 'ResourceConflictException', message: 'The operation cannot be performed at this time. The function is currently in the following state: Pending' })).toBe(true);
    expect(isChangeInProgress({ name: 'ResourceConflictException', message: 'Function already exist: f' })).toBe(false);
  });

  it('names the refused call and the wait it lacked, quoting AWS', () => {
    const configuration = refusedUpdateMessage('UpdateFunctionConfiguration', busy.message).texts.en;
    expect(configuration).toMatch(/^UpdateFunctionConfiguration was refused with ResourceConflictException \("The operation cannot be performed at this time\. An update is in progress/);
    expect(configuration).toContain('the code update was still in progress: await waitUntilFunctionUpdatedV2 between UpdateFunctionCodeCommand and UpdateFunctionConfigurationCommand');
    expect(refusedUpdateMessage('UpdateFunctionCode', busy.message).texts.en).toMatch(/^UpdateFunctionCode was refused .*waitUntilFunctionUpdatedV2 before sending UpdateFunctionCodeCommand/);
    expect(refusedUpdateMessage('UpdateFunctionCode', 'The function is currently in the following state: Pending').texts.en).toContain('waitUntilFunctionActiveV2');
    expect(refusedUpdateMessage('UpdateFunctionConfiguration', busy.message).texts['zh-cn']).toBe(
      `UpdateFunctionConfiguration 被拒绝，错误为 ResourceConflictException（"${busy.message}"），因为代码更新仍在进行中：在 UpdateFunctionCodeCommand 和 UpdateFunctionConfigurationCommand 之间 await waitUntilFunctionUpdatedV2`,
    );
  });

  it('computes CodeSha256 as Lambda does: base64 SHA-256 of the zip', () => {
    expect(codeSha256(new TextEncoder().encode('abc'))).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
  });
});
