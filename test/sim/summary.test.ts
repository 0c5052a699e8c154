/**
 * The summary's fleet-wide figures (sim/summary.ts): status counts, devices rebuilt, lead times and
 * the times counted from the session start.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countStatuses, leadTimeFor } from '../../src/sim/summary.js';
import { simulate } from '../../src/sim/simulate.js';
import { DEVICE_STATUSES, REASONS, SUMMARY_COLUMNS, flatSummary, flattenCounts } from '../../src/sim/types.js';
import { nearFleet } from './campaign/fleet.js';

describe('leadTimeFor', () => {
  it('is the ceil(share · n)-th set-up time: the shortest lead that sets up that share', () => {
    const ready = Float64Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect([0.5, 0.9, 0.95, 0.99, 1].map((q) => leadTimeFor(ready, q))).toEqual([50, 90, 100, 100, 100]);
    expect(leadTimeFor(new Float64Array(0), 0.9)).toBeNull();
  });

  it('sets up at least that share and no shorter lead does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 200 }), fc.constantFrom(0.9, 0.95, 0.99), (xs, q) => {
        const ready = Float64Array.from(xs).sort();
        const lead = leadTimeFor(ready, q)!;
        const setUpBy = (t: number) => ready.filter((r) => r <= t).length;
        expect(setUpBy(lead)).toBeGreaterThanOrEqual(q * ready.length - 1e-9);
        expect(setUpBy(lead - 1e-6)).toBeLessThan(q * ready.length - 1e-9);
      }),
    );
  });
});

describe('countStatuses', () => {
  it('lists every AWS status in order, zeros included', () => {
    const c = countStatuses(['Successful', 'Initial', 'Successful']);
    expect(Object.keys(c)).toEqual([...DEVICE_STATUSES]);
    expect(c).toMatchObject({ Successful: 2, Initial: 1, MissingFrag: 0, MICError: 0 });
  });
});

describe('a run\'s summary', () => {
  const r = simulate(nearFleet(40, { completion: { statusRequest: false }, devices: { mix: { noPackage: 0.1, wrongDescriptor: 0.1 } } }));
  const x = r.summary;

  it('counts every device in exactly one status, as devices.csv says', () => {
    expect(Object.values(x.statusCounts).reduce((a, b) => a + b, 0)).toBe(x.devices);
    expect(x.statusCounts).toEqual(countStatuses(r.devices.status));
    expect(x.devicesUpdated).toBe(x.statusCounts.Successful);
  });

  it('counts the devices that rebuilt and verified the image beside those confirmed Successful', () => {
    const rebuilt = r.devices.status.filter((st, d) => r.devices.decodedAtS[d] === r.devices.decodedAtS[d] && st !== 'Wrong_descriptor' && st !== 'MICError').length;
    expect(x.devicesRebuilt).toBe(rebuilt);
    expect(x.devicesRebuilt).toBeGreaterThanOrEqual(x.devicesUpdated);
  });

  it('gives every device not Successful exactly one reason, as devices.csv says', () => {
    expect(Object.keys(x.reasons)).toEqual([...REASONS]);
    expect(Object.values(x.reasons).reduce((a, b) => a + b, 0)).toBe(x.devices - x.devicesUpdated);
    // the mixed fleet's refusals are device-side
    const refused = x.devices - x.devicesUpdated - x.statusCounts.Initial - x.statusCounts.MissingFrag;
    expect(x.reasons.deviceRefused).toBe(refused);
    expect(refused).toBeGreaterThan(0);
    for (const reason of REASONS) expect(r.devices.reason.filter((k) => REASONS[k] === reason).length).toBe(x.reasons[reason]);
  });

  it('flattens to the summary.csv columns and back', () => {
    const flat = flatSummary(x);
    expect(Object.keys(flat)).toEqual([...SUMMARY_COLUMNS]);
    expect(flat.statusPackage_Not_Supported).toBe(x.statusCounts.Package_Not_Supported);
    expect(flat.reasonDeviceRefused).toBe(x.reasons.deviceRefused);
    expect(flattenCounts(JSON.parse(JSON.stringify(x)) as Record<string, unknown>)).toEqual(flat);
  });
});
