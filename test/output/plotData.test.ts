import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completionPoints, plotDataFromResult } from '../../src/output/plotData.js';
import { sampleResult } from './sampleResult.js';

describe('completion curve points', () => {
  it('steps once per distinct decode time and ends at the campaign end', () => {
    const decoded = [30, NaN, 10, 30, 20];
    const ok = [true, true, true, true, false];
    expect(completionPoints(decoded, (i) => ok[i], 5, 40)).toEqual([
      { timeS: 0, share: 0 },
      { timeS: 10, share: 0.2 },
      { timeS: 30, share: 0.6 },
      { timeS: 40, share: 0.6 },
    ]);
  });

  it('thins long curves but keeps the last step, shares rising to the updated ratio', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 3000 }), fc.integer({ min: 2, max: 50 }), (times, maxPoints) => {
        const pts = completionPoints(times, () => true, times.length, 0, maxPoints);
        expect(pts.length).toBeLessThanOrEqual(maxPoints + 2);
        expect(pts[pts.length - 1]).toEqual({ timeS: Math.max(...times), share: 1 });
        for (let i = 1; i < pts.length; i++) {
          expect(pts[i].timeS).toBeGreaterThanOrEqual(pts[i - 1].timeS);
          expect(pts[i].share).toBeGreaterThan(pts[i - 1].share);
        }
      }),
    );
  });
});

describe('plot data of a run', () => {
  it('rounds like the files, turns never-decoded into null and takes the sub-band limit from the region', () => {
    const data = plotDataFromResult(sampleResult());
    expect(data.deviceRows?.decodedAtS).toEqual([5.5, null, 7.000001]);
    expect(data.completion[1]).toEqual({ timeS: 5.5, share: 0.333333 });
    expect(data.dutyCycle.series.map((s) => s.limit)).toEqual([0.1, 0.1]); // EU868 sub-band P: 10 %
    expect(data.gatewaysM).toEqual([[0, 0], [500, 0]]);
  });

  it("prefers the simulator's own limit and leaves out device rows on request", () => {
    const result = sampleResult();
    Object.assign(result.dutyCycle.series[0], { limit: 0.01 });
    result.dutyCycle.series[1].subBand = 'nowhere';
    const data = plotDataFromResult(result, false);
    expect(data.dutyCycle.series.map((s) => s.limit)).toEqual([0.01, null]);
    expect(data.deviceRows).toBeNull();
  });
});
