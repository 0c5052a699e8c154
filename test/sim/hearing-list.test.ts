import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildHearingList, type HearingList } from '../../src/sim/hearing-list.js';

/** Device d's gateways as the list holds them. */
function listOf(h: HearingList, d: number): number[] {
  const at = d * h.stride;
  return Array.from(h.lists.subarray(at + 1, at + 1 + h.lists[at]));
}

/** The straightforward answer: the gateways at or above the floor, strongest first, ties by gateway. */
function expected(power: number[][], floor: number[], d: number): number[] {
  return power[d]
    .map((p, g) => ({ p, g }))
    .filter((x) => x.p >= floor[d])
    .sort((x, y) => y.p - x.p || x.g - y.g)
    .map((x) => x.g);
}

describe('buildHearingList', () => {
  it('holds each device\'s gateways at or above its floor, strongest first, equal powers in gateway order', () => {
    // powers on a coarse grid so that ties are common
    const fleet = fc.integer({ min: 1, max: 40 }).chain((G) =>
      fc.record({
        power: fc.array(fc.array(fc.integer({ min: -140, max: -100 }).map((x) => x / 2), { minLength: G, maxLength: G }), { minLength: 1, maxLength: 30 }),
        floor: fc.array(fc.integer({ min: -70, max: -50 }), { minLength: 30, maxLength: 30 }),
      }));
    fc.assert(fc.property(fleet, ({ power, floor }) => {
      const G = power[0].length;
      const h = buildHearingList(power.length, G, (d, g) => power[d][g], (d) => floor[d]);
      for (let d = 0; d < power.length; d++) expect(listOf(h, d), `device ${d}`).toEqual(expected(power, floor, d));
      const longest = Math.max(...power.map((_, d) => expected(power, floor, d).length));
      expect(h.stride).toBeGreaterThanOrEqual(1 + longest);
      expect(h.lists.length).toBe(power.length * h.stride);
    }), { numRuns: 300 });
  });

  it('keeps a list within one cache line where it fits: a power-of-two stride, one byte per id up to 255 gateways', () => {
    const G = 25;
    const h = buildHearingList(100, G, (d, g) => (g <= d % G ? -80 : -200), () => -120);
    expect(h.lists).toBeInstanceOf(Uint8Array);
    expect(h.stride).toBe(32); // the longest list is 25 gateways: 26 bytes
    expect(listOf(h, 24)).toHaveLength(25);
    expect(listOf(h, 3)).toEqual([0, 1, 2, 3]);
  });

  it('takes two bytes per id beyond 255 gateways, and whole cache lines for lists longer than one', () => {
    const G = 300;
    const h = buildHearingList(3, G, (d, g) => (d === 1 ? -100 - g / 1000 : g === 299 ? -90 : -200), () => -120);
    expect(h.lists).toBeInstanceOf(Uint16Array);
    expect(h.stride).toBe(320); // 301 numbers of 2 bytes: 5 lines of 32
    expect(listOf(h, 0)).toEqual([299]);
    expect(listOf(h, 1)).toEqual(Array.from({ length: 300 }, (_, g) => g));
    expect(listOf(h, 2)).toEqual([299]);
  });
});
