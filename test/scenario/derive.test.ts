import { describe, expect, it } from 'vitest';
import { getRegion } from '../../src/lorawan/regions/index.js';
import { estimateDistributionS, maxFragmentSizeBytes, roundSessionTimeoutS } from '../../src/scenario/derive.js';

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
  it('rounds up to a power of two within 60..172800 s', () => {
    expect([1, 60, 65, 4096, 4097, 131_072, 150_000, 1e9].map(roundSessionTimeoutS))
      .toEqual([64, 64, 128, 4096, 8192, 131_072, 172_800, 172_800]);
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
