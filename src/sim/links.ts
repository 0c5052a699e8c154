/**
 * The device–gateway link table: path loss plus log-normal shadowing for every pair, drawn once
 * per link (the same loss both ways), stored as one Float32Array indexed device * G + gateway.
 */
import type { ResolvedScenario } from '../scenario/types.js';
import { Purpose, uniform } from '../engine/rng.js';
import { pathLossDb } from '../radio/pathloss.js';
import { shadowingDb } from '../radio/normal.js';
import type { Positions } from './placement.js';

export interface LinkTable {
  devices: number;
  gateways: number;
  /** path loss + shadowing, dB, [device * gateways + gateway] */
  lossDb: Float32Array;
  /** gateway with the least loss for each device */
  best: Int32Array;
}

export function buildLinks(s: ResolvedScenario, pos: Positions, freqHz: number): LinkTable {
  const n = pos.xM.length;
  const gws = s.gateways.positions;
  const g = gws.length;
  const lossDb = new Float32Array(n * g);
  const best = new Int32Array(n);
  const sigma = s.channel.shadowingSigmaDb;
  for (let d = 0; d < n; d++) {
    let bestLoss = Infinity;
    for (let k = 0; k < g; k++) {
      const dist = Math.hypot(pos.xM[d] - gws[k][0], pos.yM[d] - gws[k][1]);
      let loss = pathLossDb(s.channel.pathLoss, dist, freqHz);
      if (sigma > 0) loss += shadowingDb(sigma, uniform(s.seed, Purpose.shadowing, d, 2 * k), uniform(s.seed, Purpose.shadowing, d, 2 * k + 1));
      lossDb[d * g + k] = loss;
      if (loss < bestLoss) {
        bestLoss = loss;
        best[d] = k;
      }
    }
  }
  return { devices: n, gateways: g, lossDb, best };
}
