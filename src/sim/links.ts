/**
 * The device–gateway link table: path loss plus log-normal shadowing for every pair, the same loss
 * both ways, stored as one Float32Array indexed device * G + gateway. Shadowing is drawn once per
 * link, or read from each gateway's spatially correlated field when the scenario gives a
 * decorrelation distance (src/radio/shadowing.ts); either way a pure function of the seed, the
 * device number (independent draws) or position (correlated field), never of evaluation order.
 */
import type { ResolvedScenario } from '../scenario/types.js';
import { pathLossFunction } from '../radio/pathloss.js';
import { shadowingField, shadowingLossDb, type ShadowingField, type ShadowingParams } from '../radio/shadowing.js';
import type { Positions } from './placement.js';

export interface LinkTable {
  devices: number;
  gateways: number;
  /** path loss + shadowing, dB, [device * gateways + gateway] */
  lossDb: Float32Array;
  /** gateway with the least loss for each device */
  best: Int32Array;
}

/** The scenario's shadowing parameters. */
export function shadowingParams(s: ResolvedScenario): ShadowingParams {
  return { sigmaDb: s.channel.shadowingSigmaDb, correlationDistanceM: s.channel.shadowingCorrelationM };
}

export function buildLinks(s: ResolvedScenario, pos: Positions, freqHz: number): LinkTable {
  const n = pos.xM.length;
  const gws = s.gateways.positions;
  const g = gws.length;
  // in shared memory: the setup probe's thread reads this table without a copy (probe-thread.ts)
  const lossDb = new Float32Array(new SharedArrayBuffer(n * g * Float32Array.BYTES_PER_ELEMENT));
  const best = new Int32Array(n);
  const shadowing = shadowingParams(s);
  const pathLoss = pathLossFunction(s.channel.pathLoss, freqHz);
  const fields: Array<ShadowingField | null> = gws.map((_, k) =>
    shadowing.sigmaDb > 0 && shadowing.correlationDistanceM > 0 ? shadowingField(s.seed, k, shadowing.correlationDistanceM) : null);
  for (let d = 0; d < n; d++) {
    let bestLoss = Infinity;
    const x = pos.xM[d];
    const y = pos.yM[d];
    for (let k = 0; k < g; k++) {
      const dist = Math.hypot(x - gws[k][0], y - gws[k][1]);
      const loss = pathLoss(dist) + shadowingLossDb(shadowing, s.seed, d, k, fields[k], x, y);
      lossDb[d * g + k] = loss;
      if (loss < bestLoss) {
        bestLoss = loss;
        best[d] = k;
      }
    }
  }
  return { devices: n, gateways: g, lossDb, best };
}
