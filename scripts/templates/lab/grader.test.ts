/**
 * Grader of lab {{number}}: {{title}}. It runs against the folder in WORKSHOP_LAB_DIR (the
 * learner's copy by default) and must fail on the starter and pass on the solution.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const labDir = resolve(process.env.WORKSHOP_LAB_DIR ?? 'labs/{{id}}');

function order(seed: number) {
  const items = Array.from({ length: 1 + (seed % 4) }, (_, i) => ({ sku: `SKU-${seed}-${i}`, quantity: 1 + ((seed + i) % 3), price: 100 * (i + seed) }));
  return { orderId: `order-${seed}`, items };
}

describe('{{id}}', () => {
  it('computes-total', async () => {
    const { handler } = await import(pathToFileURL(resolve(labDir, 'handler.ts')).href);
    for (const seed of [3, 7, 11]) {
      const event = order(seed);
      const expected = event.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
      expect(await handler(event)).toEqual({ orderId: event.orderId, total: expected });
    }
  });
});
