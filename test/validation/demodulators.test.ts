/**
 * Validation: the gateway's 8 demodulation paths in the uplink medium against Erlang B. Poisson
 * uplinks over the 8 channels of US915 sub-band 2 (the ALOHA harness of case 8), all heard by the
 * gateway: a frame that finds the 8 paths busy when it starts is lost, an M/G/8/8 loss system whose
 * blocking probability is Erlang B at the offered load A = 8 channels × G Erlang.
 */
import { describe, expect, it } from 'vitest';
import { alohaRun } from '../../bench/validation/aloha.js';
import { erlangB } from '../../bench/validation/reception-models.js';

describe('validation: demodulation paths of the uplink medium against Erlang B', () => {
  for (const G of [0.5, 1]) {
    it(`blocks Erlang B(${8 * G}, 8) of the uplinks at G = ${G} per channel`, () => {
      const n = 12_000;
      const r = alohaRun({ region: 'US915', G, uplinks: n, devices: 4000, seed: 5, demodulators: 8 });
      const want = erlangB(8 * G, 8);
      // tolerance: 4 binomial standard errors plus 0.01 (a device cannot overlap its own frames)
      const se = Math.sqrt((want * (1 - want)) / n);
      expect(Math.abs(r.blocked / n - want), `measured ${r.blocked / n}, Erlang B ${want}`).toBeLessThan(4 * se + 0.01);
    });
  }

  it('unlimited paths block nothing', () => {
    expect(alohaRun({ region: 'US915', G: 1, uplinks: 2000, devices: 4000, seed: 5 }).blocked).toBe(0);
  });
});
