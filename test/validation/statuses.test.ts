/**
 * Validation case 17: statuses and fragment counts (scenarios/validation/statuses.json).
 * Package_Not_Supported counts exactly the devices of that role that answered PackageVersionReq —
 * never a device whose requests or answers were lost — and fragmentsReceived counts distinct
 * fragments, although three gateways send every fragment. docs/validation.md, case 17.
 */
import { describe, expect, it } from 'vitest';
import { measureStatuses } from '../../bench/validation/measure-session.js';

const [lossless, lossy] = measureStatuses();

describe('statuses mean what AWS means; fragments are counted once', () => {
  // Tolerance: none: the roles are drawn per device (mix.ts) and the status is the server's reading of an answer.
  it('gives Package_Not_Supported to exactly the devices of that role, and loses none to it when downlinks are lost', () => {
    expect(lossless.role).toBeGreaterThan(10);
    expect(lossless.packageNotSupported).toBe(lossless.role);
    expect(lossless.ofRole).toBe(lossless.role);
    expect(lossless.initial).toBe(0);
    expect(lossy.extraLoss).toBe(0.4);
    expect(lossy.packageNotSupported).toBe(lossy.ofRole);
    expect(lossy.initial).toBeGreaterThan(0);
  });

  it('counts each fragment once: three copies of each were sent, no device counts more than there were fragments', () => {
    for (const r of [lossless, lossy]) {
      expect(r.copiesSent).toBe(3 * r.fragmentsSent);
      expect(r.maxReceived).toBeLessThanOrEqual(r.fragmentsSent);
    }
    // without loss nearly every device rebuilds from the M uncoded fragments alone
    expect(lossless.withM / lossless.rebuilt).toBeGreaterThan(0.95);
  });
});
