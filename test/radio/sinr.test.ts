import { describe, expect, it } from 'vitest';
import { ISOLATION_DB } from '../../src/radio/interference.js';
import { requiredSnrDb } from '../../src/radio/sensitivity.js';
import { interferenceMw, sinrDb } from '../../src/radio/sinr.js';

const SFS = [7, 8, 9, 10, 11, 12];
const QUIET = -400; // noise far below everything: interference alone

describe('SINR with isolation-weighted interference', () => {
  it('an interferer exactly at the ns-3 isolation threshold puts the SINR at the demodulator floor', () => {
    for (const [i, s] of SFS.entries()) for (const [j, f] of SFS.entries()) {
      const iMw = interferenceMw(s, 1000, [-100 - ISOLATION_DB[i][j]], [f], null, 1);
      expect(sinrDb(-100, QUIET, iMw), `SF${s} vs SF${f}`).toBeCloseTo(requiredSnrDb(s), 9);
    }
  });

  it('counts interference as energy over the overlap', () => {
    const full = interferenceMw(9, 2000, [-110], [9], [2000], 1);
    expect(interferenceMw(9, 2000, [-110], [9], [1000], 1)).toBeCloseTo(full / 2, 20);
    expect(interferenceMw(9, 2000, [-110], [9], [5000], 1)).toBeCloseTo(full, 20);
    expect(interferenceMw(9, 2000, [-110], [9], [0], 1)).toBe(0);
    expect(interferenceMw(9, 2000, [-110, -110], [9, 9], null, 2)).toBeCloseTo(2 * full, 20);
  });

  it('adds interference to the noise', () => {
    expect(sinrDb(-120, -117, 0)).toBe(-3);
    const i = 10 ** (-117 / 10);
    expect(sinrDb(-120, -117, i)).toBeCloseTo(-3 - 10 * Math.log10(2), 9);
  });

  it('rejects spreading factors outside 7..12', () => {
    expect(() => interferenceMw(6, 1000, [], [], null, 0)).toThrow(RangeError);
    expect(() => interferenceMw(7, 1000, [-100], [5], null, 1)).toThrow(RangeError);
  });
});
