import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameDecodable, linkMarginDb, rxPowerDbm } from '../../src/radio/link.js';

describe('link budget', () => {
  it('adds gains, subtracts path loss and shadowing loss, and adds the fading gain', () => {
    expect(rxPowerDbm(14, 2.15, 3, 130, 0, 0)).toBeCloseTo(-110.85, 12);
    expect(rxPowerDbm(27, 0, 0, 150, 4, -3)).toBe(-130);
    expect(rxPowerDbm(27, 0, 0, 150, -4, 3)).toBe(-116);
  });

  it('is linear: one more dB of path loss gives one less dB of received power', () => {
    fc.assert(fc.property(
      fc.double({ min: -10, max: 30, noNaN: true }), fc.double({ min: 40, max: 180, noNaN: true }),
      fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: -40, max: 10, noNaN: true }),
      (tx, pl, sh, fa) => {
        expect(rxPowerDbm(tx, 0, 0, pl + 1, sh, fa)).toBeCloseTo(rxPowerDbm(tx, 0, 0, pl, sh, fa) - 1, 9);
      },
    ));
  });

  it('decodes a frame exactly at sensitivity and not 0.01 dB below', () => {
    expect(frameDecodable(-136, -136)).toBe(true);
    expect(frameDecodable(-136.01, -136)).toBe(false);
    expect(frameDecodable(-100, -136)).toBe(true);
    expect(linkMarginDb(-130, -136)).toBe(6);
  });
});
