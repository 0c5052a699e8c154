import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPERTY_SEED, propertySeed } from './propertySeed.js';

describe('the seed of the property tests', () => {
  it('is fixed unless FUOTA_SIM_PROPERTY_SEED says otherwise', () => {
    expect(propertySeed(undefined)).toBe(DEFAULT_PROPERTY_SEED);
    expect(propertySeed('')).toBe(DEFAULT_PROPERTY_SEED);
    expect(propertySeed('42')).toBe(42);
    expect(propertySeed('-7')).toBe(-7);
    expect(propertySeed('random')).toBeUndefined();
    expect(() => propertySeed('1.5')).toThrow(/FUOTA_SIM_PROPERTY_SEED must be an integer or "random", got "1.5"/);
    expect(() => propertySeed('abc')).toThrow(/FUOTA_SIM_PROPERTY_SEED/);
  });

  it('is in force in this test file: two runs of one property draw the same cases', () => {
    const env = process.env.FUOTA_SIM_PROPERTY_SEED;
    if (env === 'random') return; // a fresh seed per run was asked for
    expect(fc.readConfigureGlobal().seed).toBe(propertySeed(env));
    const draws = (): number[] => {
      const seen: number[] = [];
      fc.assert(fc.property(fc.integer(), (v) => void seen.push(v)), { numRuns: 20 });
      return seen;
    };
    const first = draws();
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(draws()).toEqual(first);
  });
});
