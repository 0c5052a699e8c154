import { describe, expect, it } from 'vitest';
import { humanBytes, humanCount, humanDuration, humanEnergy, humanPercent } from '../../../src/output/report/human.js';

describe('numbers for people', () => {
  it('writes durations in s, min or h and min', () => {
    expect([humanDuration(4.567), humanDuration(75.25), humanDuration(4494), humanDuration(19_080), humanDuration(null)]).toEqual([
      '4.57 s', '75.3 s', '74.9 min', '5 h 18 min', '—',
    ]);
  });

  it('writes shares with enough decimals', () => {
    expect([humanPercent(1), humanPercent(0.0986), humanPercent(0.000657), humanPercent(0), humanPercent(NaN)]).toEqual([
      '100 %', '9.86 %', '0.066 %', '0 %', '—',
    ]);
  });

  it('writes energy, sizes and counts', () => {
    expect([humanEnergy(0.1234), humanEnergy(169.34), humanBytes(900), humanBytes(262_144), humanBytes(1_572_864), humanCount(100_000)]).toEqual([
      '123 mJ', '169 J', '900 B', '256 KiB', '1.5 MiB', '100\u202f000',
    ]);
  });
});
