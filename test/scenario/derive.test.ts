import { describe, expect, it } from 'vitest';
import { getRegion } from '../../src/lorawan/regions/index.js';
import {
  bookedSessionStartS, CLASS_C_MAX_TIMEOUT_S, deriveSessionTimeoutS, estimateDistributionS, maxFragmentSizeBytes, roundSessionTimeoutS, ts005TimeOut,
} from '../../src/scenario/derive.js';

describe('maxFragmentSizeBytes', () => {
  it('is N − 3 of the non-repeater downlink table (lorawan-facts 2.2)', () => {
    const eu = getRegion('EU868');
    const us = getRegion('US915');
    expect([0, 3, 5].map((dr) => maxFragmentSizeBytes(eu, dr))).toEqual([48, 112, 239]);
    expect([8, 9, 13].map((dr) => maxFragmentSizeBytes(us, dr))).toEqual([50, 126, 239]);
    expect(maxFragmentSizeBytes(us, 0)).toBe(0);
  });
});

describe('roundSessionTimeoutS', () => {
  it('rounds up to a power of two, from 60 s, never past AWS\'s 172800 s range (AWS SessionTimeout)', () => {
    expect([1, 60, 65, 4096, 4097, 131_072, 150_000, 172_800].map((s) => roundSessionTimeoutS(s, 'ClassC')))
      .toEqual([64, 64, 128, 4096, 8192, 131_072, 131_072, 131_072]);
  });

  it('gives class B at least one 128 s beacon period, so TS005 TimeOut counts whole beacon periods', () => {
    expect([60, 100, 128, 129, 172_800].map((s) => roundSessionTimeoutS(s, 'ClassB'))).toEqual([128, 128, 128, 256, 131_072]);
    expect(ts005TimeOut(128, 'ClassB')).toBe(0);
    expect(ts005TimeOut(131_072, 'ClassB')).toBe(10);
  });

  it('encodes class C as 2^TimeOut s: TS005 ends at TimeOut 15 (32768 s); TimeOut 8 is 256 s as the spec says', () => {
    expect(ts005TimeOut(256, 'ClassC')).toBe(8);
    expect(ts005TimeOut(CLASS_C_MAX_TIMEOUT_S, 'ClassC')).toBe(15);
  });
});

describe('deriveSessionTimeoutS', () => {
  const dr0 = {
    region: getRegion('EU868'), dlClass: 'ClassC' as const, dlDr: 0, dlFreq: 869_525_000,
    fragmentSizeBytes: 48, fragmentIntervalMs: 1000, pingSlotPeriod: 128, totalFragments: 2348,
  };

  it('caps a class C session at 2^15 s even when 1.5 × the distribution would take longer (lorawan-facts 8: DR0, 2348 fragments)', () => {
    // 2348 × 2.79 s / 10 % = 65 588 s to send, 1.5 × that rounds to 131 072; TS005 stops at 32 768
    expect(estimateDistributionS(dr0)).toBeGreaterThan(CLASS_C_MAX_TIMEOUT_S);
    expect(deriveSessionTimeoutS(dr0)).toBe(CLASS_C_MAX_TIMEOUT_S);
  });

  it('lets class B run in beacon periods up to the longest power of two AWS accepts', () => {
    expect(deriveSessionTimeoutS({ ...dr0, dlClass: 'ClassB', dlDr: 3, fragmentSizeBytes: 112, pingSlotPeriod: 4096 })).toBe(131_072);
  });
});

describe('bookedSessionStartS', () => {
  it('reads seconds after the campaign start and ISO times against startTime; null for computed starts', () => {
    expect(bookedSessionStartS(1800, '2026-01-05T00:00:00Z', 100)).toBe(1900);
    expect(bookedSessionStartS('2026-01-05T02:00:00Z', '2026-01-05T00:00:00Z', 100)).toBe(7200);
    expect(bookedSessionStartS('after-setup', '2026-01-05T00:00:00Z', 0)).toBeNull();
    expect(bookedSessionStartS('chirpstack', '2026-01-05T00:00:00Z', 0)).toBeNull();
  });
});

describe('estimateDistributionS', () => {
  const base = {
    region: getRegion('EU868'), dlClass: 'ClassC' as const, dlDr: 5, dlFreq: 869_525_000,
    fragmentSizeBytes: 239, fragmentIntervalMs: 1000, pingSlotPeriod: 128, totalFragments: 4827,
  };

  it('spaces EU868 DR5 fragments by ToA / 10 % duty cycle (lorawan-facts 8: 4827 × 394.496 ms → 5.29 h)', () => {
    expect(estimateDistributionS(base) / 3600).toBeCloseTo(5.29, 2);
  });

  it('follows the server interval where there is no duty cycle', () => {
    expect(estimateDistributionS({ ...base, region: getRegion('US915'), dlDr: 13, dlFreq: 923_300_000, fragmentIntervalMs: 2500 }))
      .toBe(4827 * 2.5);
  });

  it('spaces class B fragments at least one ping period apart, stretched by the beacon guard', () => {
    expect(estimateDistributionS({ ...base, dlClass: 'ClassB', pingSlotPeriod: 4096, totalFragments: 10 })).toBeCloseTo(10 * 128, 6);
  });
});
