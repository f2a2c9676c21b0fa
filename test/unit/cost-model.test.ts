import { describe, expect, it } from 'vitest';
import {
  breakEvenRate,
  concurrency,
  costCurve,
  gbSecondsPerRequest,
  lambdaMonthlyCost,
  monthlyRequests,
  SECONDS_PER_MONTH,
} from '../../src/core/cost-model.ts';

// The workload most cases use: 100 requests/s, 200 ms each, 512 MB.
const shop = { requestsPerSecond: 100, durationMs: 200, memoryMb: 512 };

describe('cost model', () => {
  it("applies Little's law: concurrency = rate x duration", () => {
    // 100 /s x 0.2 s = 20 invocations in flight on average.
    expect(concurrency(100, 200)).toBe(20);
    // 3 /s x 1.5 s = 4.5.
    expect(concurrency(3, 1500)).toBe(4.5);
  });

  it('counts a 30-day month', () => {
    // 30 x 24 x 3600 = 2,592,000 s; at 100 /s that is 259,200,000 requests.
    expect(SECONDS_PER_MONTH).toBe(2_592_000);
    expect(monthlyRequests(100)).toBe(259_200_000);
  });

  it('bills GB-seconds as seconds x GB with 1 GB = 1024 MB', () => {
    // 0.2 s x 512/1024 GB = 0.1 GB-s.
    expect(gbSecondsPerRequest(200, 512)).toBeCloseTo(0.1, 12);
    // 1 s x 128/1024 GB = 0.125 GB-s.
    expect(gbSecondsPerRequest(1000, 128)).toBe(0.125);
  });

  it('prices a month without the free tier', () => {
    const cost = lambdaMonthlyCost(shop);
    // 259,200,000 requests x 0.1 GB-s = 25,920,000 GB-s.
    expect(cost.gbSeconds).toBeCloseTo(25_920_000, 4);
    // 259.2 million x $0.20 = $51.84.
    expect(cost.requestCost).toBeCloseTo(51.84, 8);
    // 25,920,000 x $0.0000166667 = $432.000864.
    expect(cost.computeCost).toBeCloseTo(432.000864, 6);
    // 51.84 + 432.000864 = $483.840864.
    expect(cost.total).toBeCloseTo(483.840864, 6);
  });

  it('subtracts the free tier: 1M requests and 400,000 GB-s', () => {
    const cost = lambdaMonthlyCost({ ...shop, freeTier: true });
    // (259,200,000 - 1,000,000) = 258.2 million x $0.20 = $51.64.
    expect(cost.requestCost).toBeCloseTo(51.64, 8);
    // (25,920,000 - 400,000) = 25,520,000 x $0.0000166667 = $425.334184.
    expect(cost.computeCost).toBeCloseTo(425.334184, 6);
    expect(cost.total).toBeCloseTo(476.974184, 6);
    // A tiny workload stays free: 0.1 /s is 259,200 requests and 25,920 GB-s a month.
    expect(lambdaMonthlyCost({ ...shop, requestsPerSecond: 0.1, freeTier: true }).total).toBe(0);
  });

  it('finds the break-even rate against a server without the free tier', () => {
    // Per request: $0.0000002 + 0.1 x $0.0000166667 = $0.00000186667.
    // $100 / $0.00000186667 = 53,571,332.9 requests a month; / 2,592,000 s = 20.66795 /s.
    expect(breakEvenRate(100, 200, 512)).toBeCloseTo(20.66795, 4);
    const atBreakEven = lambdaMonthlyCost({ ...shop, requestsPerSecond: breakEvenRate(100, 200, 512) });
    expect(atBreakEven.total).toBeCloseTo(100, 6);
  });

  it('finds the break-even rate with the free tier, past both allowances', () => {
    // cost(n) = n x 0.00000186667 - 1,000,000 x 0.0000002 - 400,000 x 0.0000166667
    //         = n x 0.00000186667 - 0.2 - 6.66668
    // n = 106.86668 / 0.00000186667 = 57,249,904.9 requests; / 2,592,000 = 22.08715 /s.
    expect(breakEvenRate(100, 200, 512, true)).toBeCloseTo(22.08715, 4);
  });

  it('finds the break-even rate while compute is still free', () => {
    // 200 ms x 512 MB: compute is free up to 400,000 / 0.1 = 4,000,000 requests.
    // Between 1M and 4M requests only requests cost: (n - 1,000,000) x $0.0000002 = $0.50
    // gives n = 3,500,000, inside that piece; / 2,592,000 = 1.350309 /s.
    expect(breakEvenRate(0.5, 200, 512, true)).toBeCloseTo(1.350309, 5);
    expect(breakEvenRate(0, 200, 512)).toBe(0);
  });

  it('draws a curve that starts at zero and grows with the rate', () => {
    const points = costCurve({ durationMs: 200, memoryMb: 512 }, 100, 4);
    expect(points.map((point) => point.rate)).toEqual([0, 25, 50, 75, 100]);
    expect(points[0]!.cost).toBe(0);
    expect(points[4]!.cost).toBeCloseTo(483.840864, 6);
    expect(points[2]!.cost).toBeCloseTo(483.840864 / 2, 6);
  });
});
