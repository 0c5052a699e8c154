/**
 * Validation case 4: class B capacity. With ping period P (30 ms slots) a group gets 4096 / P slots
 * per 128 s beacon period (lorawan-facts 3.1); a fragment needs one slot; the duty cycle may block
 * some (scenarios/validation/classb-capacity.json). docs/validation.md, case 4.
 */
import { describe, expect, it } from 'vitest';
import { measureClassB } from '../../bench/validation/measure-distribution.js';

const rows = measureClassB();
const row = (model: string, period: number) => rows.find((r) => r.model === model && r.pingPeriod === period)!;

describe('class B distribution time against the ping-slot bound (periodicity 0, 4, 7)', () => {
  it('runs periodicities 0, 4 and 7 under both duty-cycle models, and every device rebuilds the image', () => {
    expect(rows.map((r) => [r.model, r.pingPeriod, r.pingNb])).toEqual([
      ['sliding-window', 32, 128], ['sliding-window', 512, 8], ['sliding-window', 4096, 1],
      ['off-time', 32, 128], ['off-time', 512, 8], ['off-time', 4096, 1],
    ]);
    for (const r of rows) expect(r.devicesUpdated).toBe(r.devices);
  });

  it('never sends more fragments in a beacon period than the group has ping slots (4096 / P)', () => {
    for (const r of rows) expect(r.maxPerPeriod).toBeLessThanOrEqual(r.pingNb);
  });

  // Tolerance: none. Slots are at exact µs (beacon + 2.12 s + 30 ms · (offset + n·P), lorawan-facts
  // 3.2) and the prediction assigns each fragment to the first slot the radio and the duty-cycle rule
  // leave free, the rule the specification gives a gateway; agreement must be exact.
  it('sends each fragment in the first ping slot the radio and the duty cycle allow', () => {
    for (const r of rows) expect(Array.from(r.startsUs)).toEqual(Array.from(r.predictedUs));
  });

  it('reaches the bound ceil(T / pingNb) beacon periods when the duty cycle does not bind', () => {
    // 42 fragments of 676.864 ms are 28.4 s of airtime, far below the sliding window's 360 s per hour
    for (const r of rows.filter((x) => x.model === 'sliding-window')) expect(r.periodsUsed).toBe(r.minPeriods);
    // periodicity 0: 42 consecutive slots 0.96 s apart, from the group's first slot after the beacon
    const p0 = row('sliding-window', 32);
    expect(p0.distributionDurationS).toBeCloseTo((p0.startsUs[0] + 41 * 960_000 + p0.airtimeUs) / 1e6, 6);
  });

  it('loses 7 of every 8 slots at periodicity 0 under the off-time rule (6.09 s of silence, slots 0.96 s apart); at 4 and 7 only the slots whose silence would reach the next beacon', () => {
    expect(row('off-time', 32).maxPerPeriod).toBe(16);
    expect(row('off-time', 32).periodsUsed).toBe(3);
    expect(row('off-time', 32).distributionDurationS).toBeGreaterThan(7 * row('sliding-window', 32).distributionDurationS);
    // slots 15.36 s (or a whole period) apart never meet the 6.09 s silence, but a fragment in the
    // last 6.09 s of a beacon window would silence the next beacon, so it waits (beacons first)
    for (const period of [512, 4096]) {
      expect(row('off-time', period).distributionDurationS).toBeGreaterThanOrEqual(row('sliding-window', period).distributionDurationS);
      expect(row('off-time', period).distributionDurationS).toBeLessThan(1.2 * row('sliding-window', period).distributionDurationS);
    }
  });

  it('takes about T / pingNb beacon periods: 42 fragments in 0.33, 5.2 and 41.6 periods', () => {
    expect(row('sliding-window', 32).distributionDurationS / 128).toBeCloseTo(0.33, 2);
    expect(row('sliding-window', 512).distributionDurationS / 128).toBeCloseTo(5.19, 2);
    expect(row('sliding-window', 4096).distributionDurationS / 128).toBeCloseTo(41.6, 1);
  });
});
