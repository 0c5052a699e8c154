/**
 * Validation case 7: two gateways sending the same fragment at the same time collide at devices
 * that hear both within 6 dB (co-SF capture, lorawan-facts 6.3); staggering the second gateway by
 * transmissionIntervalMs removes the overlap (scenarios/validation/two-gateways.json).
 * docs/validation.md, case 7.
 */
import { describe, expect, it } from 'vitest';
import { measureTwoGateways } from '../../bench/validation/measure-distribution.js';

const [together, staggered] = measureTwoGateways();

describe('two gateways sending the same fragments', () => {
  it('runs the same fleet without and with a 1 s stagger, and no device sits within 0.1 dB of the 6 dB threshold', () => {
    expect([together.staggerMs, staggered.staggerMs]).toEqual([0, 1000]);
    // Tolerance: the prediction is exact only away from the threshold (received powers are kept
    // as 32-bit floats); the grid keeps every device at least 0.4 dB from it
    for (const gap of together.powerGapDb) expect(Math.abs(gap - 6)).toBeGreaterThan(0.1);
    expect(together.predictedLost.filter(Boolean).length).toBe(48);
  });

  it('without a stagger, fails exactly the devices whose two signals are within 6 dB, and updates all the others', () => {
    const { status } = together.result.devices;
    together.predictedLost.forEach((lost, d) => expect([d, status[d]]).toEqual([d, lost ? 'MissingFrag' : 'Successful']));
    together.predictedLost.forEach((lost, d) => {
      if (lost) expect(together.result.devices.fragmentsReceived[d]).toBe(0);
    });
  });

  it('with a 1 s stagger (more than the 394.5 ms airtime), updates every device', () => {
    expect(staggered.result.summary.devicesUpdated).toBe(staggered.result.summary.devices);
    expect(new Set(staggered.result.devices.status)).toEqual(new Set(['Successful']));
  });

  it('turns a time to 95 % that is never reached into the time of the M-th fragment', () => {
    expect(together.result.summary.timeTo95S).toBeNull();
    expect(together.result.summary.updatedRatio).toBeCloseTo(0.52, 6);
    const s = staggered.result.summary;
    // fragment M leaves gateway 0 at 1 s (clock tolerance) + (M − 1) · 4 s and lasts 394.496 ms
    expect(s.timeTo95S).toBeCloseTo(1 + (s.nbFrag - 1) * 4 + 0.394496, 6);
    expect(together.result.summary.timeTo50S).toBe(s.timeTo50S);
  });
});
