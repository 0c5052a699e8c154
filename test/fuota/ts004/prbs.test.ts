import { describe, expect, it } from 'vitest';
import { prbs23Seed, prbs23Step } from '../../../src/fuota/ts004/index.js';

describe('prbs23', () => {
  it('shifts right and feeds bit 0 XOR bit 5 into bit 22', () => {
    expect(prbs23Step(1)).toBe(1 << 22); // bit0 = 1, bit5 = 0
    expect(prbs23Step(0b100001)).toBe(0b10000); // bit0 = 1, bit5 = 1: feedback 0
    expect(prbs23Step(0b100000)).toBe(0b10000 + (1 << 22));
    expect(prbs23Step(0)).toBe(0);
  });

  it('seeds coded fragment n with 1 + 1001 n, staying below 2^24 up to n = 16383', () => {
    expect(prbs23Seed(1)).toBe(1002);
    expect(prbs23Seed(16383)).toBeLessThan(2 ** 24);
  });

  it('keeps every state below 2^25 and never reaches zero from a non-zero seed', () => {
    let x = prbs23Seed(16383);
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      x = prbs23Step(x);
      if (!(x > 0 && x < 2 ** 25)) bad++;
    }
    expect(bad).toBe(0);
  });
});
