import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCell, formatNumber, roundDeep, roundNumber, stableJson } from '../../src/output/format.js';

describe('number formatting for result files', () => {
  it('writes integers as integers and folds -0 into 0', () => {
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(-3)).toBe('-3');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(869525000)).toBe('869525000');
  });

  it('keeps 6 decimals at or above 1 and 6 significant digits below 1', () => {
    expect(formatNumber(12345.6789123)).toBe('12345.678912');
    expect(formatNumber(2.3669760000000003)).toBe('2.366976');
    expect(formatNumber(0.123456789)).toBe('0.123457');
    expect(formatNumber(0.000123456789)).toBe('0.000123457');
    expect(formatNumber(-0.5)).toBe('-0.5');
    expect(formatNumber(1.23456789e-7)).toBe('1.23457e-7');
  });

  it('turns NaN, infinities, null and undefined into an empty cell and a JSON null', () => {
    for (const v of [NaN, Infinity, -Infinity, null, undefined]) {
      expect(formatNumber(v)).toBe('');
      expect(roundNumber(v)).toBeNull();
    }
    expect(stableJson({ a: NaN, b: [1, Infinity] })).toBe('{\n  "a": null,\n  "b": [\n    1,\n    null\n  ]\n}\n');
  });

  it('formats other cells: booleans as words, strings as they are, null as empty', () => {
    expect(formatCell(true)).toBe('true');
    expect(formatCell('ClassB')).toBe('ClassB');
    expect(formatCell(null)).toBe('');
    expect(formatCell([1, 2])).toBe('[1,2]');
  });

  it('turns typed arrays into rounded plain arrays and drops undefined keys', () => {
    expect(roundDeep({ a: Float64Array.from([0.1234567, NaN]), b: undefined })).toEqual({ a: [0.123457, null] });
  });

  it('reads back exactly the rounded value, and rounding twice changes nothing', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const r = roundNumber(v);
        expect(Number(formatNumber(v))).toBe(r === null ? 0 : r);
        expect(roundNumber(r)).toBe(r);
        // toFixed(6) is within 5e-7 of v; the double nearest that decimal adds at most half an ulp (≤ |v|·2^-53)
        if (r !== null && Math.abs(v) >= 1) expect(Math.abs(r - v)).toBeLessThanOrEqual(5e-7 + Math.abs(v) * Number.EPSILON);
      }),
    );
  });

  it('stays within half a unit of the sixth decimal plus half an ulp where the ulp is not negligible', () => {
    // a value of 1.4e8 has an ulp of 3e-8: the rounded double lies up to 5.15e-7 from it
    const v = -136418171.5611035;
    const r = roundNumber(v) as number;
    expect(r).toBe(-136418171.561103);
    expect(Math.abs(r - v)).toBeGreaterThan(5e-7);
    expect(Math.abs(r - v)).toBeLessThanOrEqual(5e-7 + Math.abs(v) * Number.EPSILON);
  });
});
