import { describe, expect, it } from 'vitest';
import { parseDurationS, parseEnergyJ } from '../../src/sweep/units.js';

describe('duration and energy parsing', () => {
  it.each([
    ['90s', 90],
    ['45m', 2700],
    ['6h', 21600],
    ['2d', 172800],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['120', 120],
    ['500ms', 0.5],
  ])('reads %s as %s s', (text, s) => {
    expect(parseDurationS(text)).toBeCloseTo(s, 9);
  });

  it.each([
    ['500mJ', 0.5],
    ['5J', 5],
    ['2kJ', 2000],
    ['0.5Wh', 1800],
    ['3', 3],
  ])('reads %s as %s J', (text, j) => {
    expect(parseEnergyJ(text)).toBeCloseTo(j, 9);
  });

  it('rejects unknown units and trailing text with a message naming the examples', () => {
    expect(() => parseDurationS('6 hours')).toThrow(/not a duration.*6h/);
    expect(() => parseDurationS('6hx')).toThrow(RangeError);
    expect(() => parseEnergyJ('5 joule')).toThrow(/not an energy/);
    expect(() => parseEnergyJ('')).toThrow(RangeError);
  });
});
