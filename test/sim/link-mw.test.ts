import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkMw, MAX_LINK_MW_LINKS } from '../../src/sim/link-mw.js';

describe('LinkMw: per-link mW values kept once worked out', () => {
  it('answers exactly Math.pow(10, dBm / 10) for every link, working each out once', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -180, max: 30, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 120 }), (dbm, picks) => {
        const calls = new Array<number>(dbm.length).fill(0);
        const cache = new LinkMw((link) => {
          calls[link]++;
          return dbm[link];
        }, dbm.length);
        for (const p of picks) {
          const link = p % dbm.length;
          expect(cache.mw(link)).toBe(Math.pow(10, dbm[link] / 10));
        }
        expect(calls.every((c) => c <= 1)).toBe(true);
      }),
    );
  });

  it('works a 0 mW value (a power of −Infinity dBm) out again at each ask, and keeps the others', () => {
    const calls = [0, 0];
    const cache = new LinkMw((link) => {
      calls[link]++;
      return link === 0 ? -Infinity : -30;
    }, 2);
    for (let i = 0; i < 3; i++) {
      expect(cache.mw(0)).toBe(0);
      expect(cache.mw(1)).toBe(Math.pow(10, -3));
    }
    expect(calls).toEqual([3, 1]);
  });

  it('keeps no table beyond its link limit and works every value out again', () => {
    let calls = 0;
    const cache = new LinkMw(() => {
      calls++;
      return -100;
    }, MAX_LINK_MW_LINKS + 1);
    expect(cache.mw(MAX_LINK_MW_LINKS)).toBe(1e-10);
    expect(cache.mw(MAX_LINK_MW_LINKS)).toBe(1e-10);
    expect(calls).toBe(2);
  });
});
