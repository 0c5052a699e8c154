import { describe, expect, it } from 'vitest';
import { coveringGateways } from '../../src/sim/world.js';
import { simulate } from '../../src/sim/simulate.js';
import { makeScenario } from '../helpers/scenario.js';
import type { LinkTable } from '../../src/sim/links.js';

/** A link table from a reach matrix: loss 100 dB where the gateway reaches the device, 200 where not. */
function table(reach: number[][]): LinkTable {
  const n = reach.length;
  const G = reach[0].length;
  const lossDb = new Float32Array(n * G);
  reach.forEach((row, d) => row.forEach((r, g) => (lossDb[d * G + g] = r ? 100 : 200)));
  return { devices: n, gateways: G, lossDb, best: new Int32Array(n) };
}

describe('coveringGateways ("cover": the fewest gateways reaching every reachable device)', () => {
  it('picks the gateway covering most first, then what the others leave', () => {
    // gw 1 reaches devices 0-3; gw 0 adds device 4; gw 2 only repeats gw 1; device 5 is out of reach
    const reach = [
      [0, 1, 1],
      [0, 1, 1],
      [0, 1, 0],
      [1, 1, 0],
      [1, 0, 0],
      [0, 0, 0],
    ];
    expect(coveringGateways(table(reach), 0, -150)).toEqual([0, 1]);
  });

  it('breaks ties to the lower id and falls back to gateway 0 when nobody is reached', () => {
    expect(coveringGateways(table([[1, 1], [1, 1]]), 0, -150)).toEqual([0]);
    expect(coveringGateways(table([[0, 0]]), 0, -150)).toEqual([0]);
  });

  it('lets a run send through the covering gateways only', () => {
    const s = makeScenario({
      devices: { count: 30, placement: { kind: 'disc', radiusM: 300, centerM: [0, 0] } },
      gateways: { positions: [[0, 0], [100, 0], [20_000, 0]] },
      multicastGroup: { gateways: 'cover' },
      traffic: { uplinkIntervalS: 0 },
      outputs: { transmissions: true },
    });
    const t = simulate(s).transmissions;
    const senders = new Set<number>();
    for (let i = 0; i < t.count; i++) if (t.kind[i] === 0) senders.add(t.node[i]); // fragments
    expect([...senders]).toEqual([0]);
  });
});
