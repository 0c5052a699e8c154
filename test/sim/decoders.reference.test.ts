/**
 * The fleet's decoders at the level of a whole run: the rows-only fast path for every device against
 * the payload path (merge walk over the row's columns, the real bytes, hash and signature checked)
 * for every device. Apart from the payload-sample size in scenario.resolved.json (and its size in
 * the folder marker), every result file must be identical byte for byte.
 */
import { describe, it } from 'vitest';
import { makeScenario } from '../helpers/scenario.js';
import { NON_DETERMINISTIC_FILES, expectSameOutputs, outputFiles } from '../helpers/outputs.js';
import type { ResolvedScenario } from '../../src/scenario/types.js';

type Over = Parameters<typeof makeScenario>[0];

const CASES: [string, Over][] = [
  [
    'class C, three gateways whose copies interleave, bursts, v2, a memory bound',
    {
      devices: { count: 60, memoryFragments: 3, placement: { kind: 'disc', radiusM: 700, centerM: [0, 0] } },
      gateways: { positions: [[0, 0], [400, 0], [-200, 350]] },
      fuotaTask: { fec: 'v2', redundancyPercent: 40 },
      multicastGroup: { transmissionIntervalMs: 700 },
      channel: { burst: { model: 'gilbert-elliott', meanBurstS: 4, meanGapS: 20, lossGood: 0, lossBad: 0.9 } },
      completion: { statusRequest: true, repairRounds: 1 },
    },
  ],
  [
    'class B with independent loss and a repair round',
    {
      devices: { count: 40, placement: { kind: 'disc', radiusM: 500, centerM: [0, 0] } },
      firmware: { sizeBytes: 3000 },
      multicastGroup: { dlClass: 'ClassB', pingSlotPeriod: 32 },
      channel: { extraLoss: 0.2 },
      completion: { statusRequest: true, repairRounds: 1 },
    },
  ],
  [
    'whole campaign: class A setup, status, unicast repair, tampered fragments',
    {
      devices: { count: 30, placement: { kind: 'disc', radiusM: 500, centerM: [0, 0] } },
      firmware: { sizeBytes: 3000, tamperBytes: 1 },
      setup: { mode: 'classA' },
      channel: { extraLoss: 0.15 },
      traffic: { uplinkIntervalS: 300 },
      completion: { statusRequest: true, repairRounds: 1, unicastRepair: true },
    },
  ],
];

function withSample(s: ResolvedScenario, payloadSampleDevices: number): ResolvedScenario {
  return { ...s, simulation: { ...s.simulation, payloadSampleDevices } };
}

describe('fleet decoders: rows-only runs equal payload runs, file for file', () => {
  for (const [name, over] of CASES) {
    it(name, async () => {
      const s = makeScenario(over);
      const fast = await outputFiles(withSample(s, 0));
      const reference = await outputFiles(withSample(s, s.devices.count));
      // the two scenarios differ in payloadSampleDevices, so do scenario.resolved.json and the size
      // of it that the folder marker records; every other file must be the same
      expectSameOutputs(fast, reference, [...NON_DETERMINISTIC_FILES, 'scenario.resolved.json', '.fuota-sim.json']);
    });
  }
});
