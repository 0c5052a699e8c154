/**
 * Validation case 8: the uplink collision model against pure ALOHA. Devices at one distance (equal
 * received powers, so capture never saves a frame), one spreading factor, Poisson arrivals spread
 * over the 8 channels of US915 sub-band 2 (no duty cycle there, so every channel gets the same load):
 * a frame survives only if no other frame on its channel starts within one airtime before or after
 * it, so the delivery ratio is e^(−2G) and the throughput S = G·e^(−2G) for a per-channel offered
 * load G (Abramson). An arrival at a device still busy with its previous exchange goes to the next
 * free device, which keeps the arrivals Poisson.
 */
import { describe, expect, it } from 'vitest';
import { alohaRun as run } from '../../bench/validation/aloha.js';

function alohaRun(G: number, uplinks: number, seed: number): { pdr: number; airtimeUs: number } {
  return run({ region: 'US915', G, uplinks, devices: 4000, seed });
}

describe('validation 8: uplink collisions against pure ALOHA', () => {
  for (const G of [0.05, 0.15, 0.3, 0.5, 1.0]) {
    it(`delivers e^(−2G) of the frames at G = ${G} per channel`, () => {
      const n = 12_000;
      const { pdr, airtimeUs } = alohaRun(G, n, 7);
      expect(airtimeUs).toBe(71_936); // US915 DR3 = SF7/125, 33-byte PHY payload, CRC on: (12.25 + 58) symbols of 1.024 ms
      const expected = Math.exp(-2 * G);
      // tolerance: 4 binomial standard errors of the estimate, plus 0.01 for the finite fleet
      // (a device's own frames cannot overlap: 4000 devices make that a small correction)
      const se = Math.sqrt((expected * (1 - expected)) / n);
      expect(Math.abs(pdr - expected)).toBeLessThan(4 * se + 0.01);
    });
  }

  it('peaks in throughput S = G·e^(−2G) at G = 0.5, as pure ALOHA does', () => {
    const s = [0.25, 0.5, 1.0].map((G) => G * alohaRun(G, 8_000, 11).pdr);
    expect(s[1]).toBeGreaterThan(s[0]);
    expect(s[1]).toBeGreaterThan(s[2]);
    expect(Math.abs(s[1] - 0.5 * Math.exp(-1))).toBeLessThan(0.015);
  });
});
