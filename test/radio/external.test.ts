import { describe, expect, it } from 'vitest';
import { externalFrames, externalPowerDbm, overlappingExternal, poissonFromUniform, type ExternalLoadParams } from '../../src/radio/external.js';
import { channelBusy, lbtBackoffUs } from '../../src/radio/lbt.js';

const P: ExternalLoadParams = { airtimeShare: 0.05, frameMs: 100, powerDbm: -120, powerSigmaDb: 6, spreadingFactors: [7, 8, 9, 10, 11, 12] };

describe('external load', () => {
  it('Poisson counts have the right mean and variance', () => {
    let s = 0, ss = 0;
    const n = 20_000;
    for (let k = 0; k < n; k++) { const x = poissonFromUniform(2.5, (k + 0.5) / n); s += x; ss += x * x; }
    expect(s / n).toBeCloseTo(2.5, 2);
    expect(ss / n - (s / n) ** 2).toBeCloseTo(2.5, 1);
  });

  it('occupies the requested airtime share of a channel', () => {
    const out = externalFrames(256);
    let busy = 0;
    const T = 2000e6;
    for (let t = 0; t < T; t += 1e6) {
      const n = overlappingExternal(P, 3, 868_100_000, t, t + 1e6, out);
      for (let k = 0; k < n; k++) busy += Math.min(out.endUs[k], t + 1e6) - Math.max(out.startUs[k], t);
    }
    expect(busy / T).toBeGreaterThan(0.045);
    expect(busy / T).toBeLessThan(0.055);
  });

  it('is the same frame set whatever the query interval, and differs per channel', () => {
    const a = externalFrames(256), b = externalFrames(256);
    const na = overlappingExternal(P, 3, 868_100_000, 10e6, 20e6, a);
    const nb = overlappingExternal(P, 3, 868_100_000, 14e6, 15e6, b);
    for (let k = 0; k < nb; k++) {
      const i = Array.from(a.id.subarray(0, na)).indexOf(b.id[k]);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(a.startUs[i]).toBe(b.startUs[k]);
      expect(a.sf[i]).toBe(b.sf[k]);
    }
    const c = externalFrames(256);
    const nc = overlappingExternal(P, 3, 868_300_000, 10e6, 20e6, c);
    expect(Array.from(c.startUs.subarray(0, nc))).not.toEqual(Array.from(a.startUs.subarray(0, na)));
    expect(overlappingExternal({ ...P, airtimeShare: 0 }, 3, 868_100_000, 0, 1e9, c)).toBe(0);
  });

  it('draws a power per frame and receiver around the mean', () => {
    let s = 0;
    for (let r = 0; r < 5000; r++) s += externalPowerDbm(P, 1, 77, r);
    expect(s / 5000).toBeCloseTo(-120, 0);
    expect(externalPowerDbm(P, 1, 77, 3)).toBe(externalPowerDbm(P, 1, 77, 3));
  });
});

describe('listen before talk', () => {
  it('a channel is busy only for overlapping transmissions at or above the threshold', () => {
    const starts = [0, 10_000, 20_000], ends = [4000, 15_000, 30_000], dbm = [-70, -85, -80];
    expect(channelBusy(5000, 10_000, -80, starts, ends, dbm, 3)).toBe(false); // gap
    expect(channelBusy(3000, 8000, -80, starts, ends, dbm, 3)).toBe(true); // -70 overlaps
    expect(channelBusy(11_000, 16_000, -80, starts, ends, dbm, 3)).toBe(false); // -85 below threshold
    expect(channelBusy(25_000, 30_000, -80, starts, ends, dbm, 3)).toBe(true); // exactly -80
    expect(channelBusy(25_000, 30_000, -80, starts, ends, dbm, 2)).toBe(false); // count respected
  });

  it('backs off between 1 µs and the maximum', () => {
    const p = { enabled: true, thresholdDbm: -80, senseMs: 5, maxBackoffMs: 100, maxAttempts: 8 };
    expect(lbtBackoffUs(p, 0)).toBe(1);
    expect(lbtBackoffUs(p, 1)).toBe(100_000);
  });
});
