/**
 * The multicast loop's fast path (copies of fragments a device holds are not evaluated, the burst
 * state is worked out only for loss draws, draws from hoisted hash rounds, draws against
 * probabilities 0 and 1 left out; reception.ts) against the reference path that evaluates every
 * device-frame in full with the one-call draws (`simulate(s, { reference: true })`): every result
 * file, byte for byte, on scenarios chosen to reach every consumer of an evaluation (class B slot
 * energy, status requests, repair rounds, unicast, memory bounds, interference between gateways'
 * copies, SINR and threshold reception, fading, bursts, class B simulcast with combined copies,
 * correlated shadowing, confirmed uplinks, listen before talk, limited demodulators), for several seeds.
 * The reference run also works out every uplink's receivers at once, where the fast one stops at
 * the best gateway and looks at the others only when a class A answer asks (uplinks.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { capturePatterns } from '../../src/sim/capture-memo.js';
import { makeScenario } from '../helpers/scenario.js';
import { expectSameOutputs, outputFiles } from '../helpers/outputs.js';
import { BURSTS, DISC, FOUR_GATEWAYS, UNICAST_TOWN } from '../helpers/town.js';

type Over = Parameters<typeof makeScenario>[0];


/** name, scenario, seeds, most share of covered device-frames the fast path may evaluate in full */
const CASES: [string, Over, number[], number][] = [
  [
    'class C, four gateways with overlapping copies, threshold capture, bursts, extra loss, status and two repair rounds',
    {
      devices: { count: 80, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS },
      firmware: { sizeBytes: 6000 },
      fuotaTask: { redundancyPercent: 20 },
      multicastGroup: { transmissionIntervalMs: 150 },
      channel: { burst: BURSTS, extraLoss: 0.05 },
      completion: { statusRequest: true, repairRounds: 2 },
    },
    [1, 2, 3],
    0.99,
  ],
  [
    'class C, four gateways with overlapping copies judged alone (no combining): the linear capture rule',
    {
      devices: { count: 80, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS },
      firmware: { sizeBytes: 6000 },
      fuotaTask: { redundancyPercent: 20 },
      multicastGroup: { transmissionIntervalMs: 150 },
      channel: { combineCopies: false, burst: BURSTS, extraLoss: 0.05 },
      traffic: { uplinkIntervalS: 60 },
      completion: { statusRequest: true, repairRounds: 1 },
    },
    [1, 4],
    0.99,
  ],
  [
    'class C, four gateways whose copies do not overlap, light loss: most copies reach a device holding the fragment',
    {
      devices: { count: 60, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS },
      firmware: { sizeBytes: 6000 },
      fuotaTask: { fragmentIntervalMs: 5000 },
      multicastGroup: { transmissionIntervalMs: 400 },
      channel: { burst: { ...BURSTS, lossGood: 0 }, extraLoss: 0.02 },
      completion: { statusRequest: true, repairRounds: 1 },
    },
    [1, 2],
    0.65,
  ],
  [
    'class C, a memory bound, v2 rows, devices that keep listening after decoding, loss 1 in bursts',
    {
      devices: { count: 60, memoryFragments: 4, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS },
      firmware: { sizeBytes: 5000 },
      fuotaTask: { fec: 'v2', redundancyPercent: 40 },
      multicastGroup: { transmissionIntervalMs: 300, stopListeningWhenDecoded: false },
      channel: { burst: { ...BURSTS, lossGood: 0, lossBad: 1 }, extraLoss: 0.1 },
      completion: { statusRequest: true, repairRounds: 1 },
    },
    [4, 5],
    0.99,
  ],
  [
    'class B, SINR reception, Rayleigh fading, bursts, three gateways, repair round',
    {
      devices: { count: 50, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS.slice(0, 3) },
      firmware: { sizeBytes: 2500 },
      multicastGroup: { dlClass: 'ClassB', pingSlotPeriod: 32, transmissionIntervalMs: 0, stopListeningWhenDecoded: false },
      channel: { reception: 'sinr', fading: 'rayleigh', burst: BURSTS },
      completion: { statusRequest: true, repairRounds: 1 },
    },
    [1, 6],
    0.95,
  ],
  [
    'class C, SINR reception, Clarke fading, combined copies, external load, correlated shadowing',
    {
      devices: { count: 60, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS },
      firmware: { sizeBytes: 4000 },
      multicastGroup: { transmissionIntervalMs: 0 },
      channel: {
        reception: 'sinr', fading: 'clarke', combineCopies: true, shadowingCorrelationM: 200,
        externalLoad: { airtimeShare: 0.05, frameMs: 100, powerDbm: -115, powerSigmaDb: 6, spreadingFactors: [7, 9, 12] },
        burst: BURSTS,
      },
      completion: { statusRequest: true, repairRounds: 1 },
    },
    [2, 7],
    0.7,
  ],
  [
    'class B simulcast: combined copies, correlated shadowing, threshold reception, beacons missed, bursts',
    {
      devices: { count: 50, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS },
      firmware: { sizeBytes: 3000 },
      fuotaTask: { redundancyPercent: 30 },
      multicastGroup: { dlClass: 'ClassB', pingSlotPeriod: 32, transmissionIntervalMs: 0 },
      channel: { combineCopies: true, shadowingCorrelationM: 300, beaconExtraLoss: 0.1, burst: BURSTS, extraLoss: 0.03 },
      completion: { statusRequest: true, repairRounds: 1 },
    },
    [3, 8, 11],
    0.99,
  ],
  [
    'whole campaign: confirmed uplinks repeated, listen before talk, four demodulators, Rayleigh fading, SINR, ideal demodulator',
    {
      devices: { count: 50, placement: DISC, lbt: { enabled: true, thresholdDbm: -100 } },
      gateways: { positions: FOUR_GATEWAYS.slice(0, 3), demodulators: 4 },
      firmware: { sizeBytes: 3000 },
      setup: { mode: 'classA' },
      multicastGroup: { transmissionIntervalMs: 100 },
      channel: { reception: 'sinr', demodulator: 'ideal', fading: 'rayleigh', burst: BURSTS },
      traffic: { uplinkIntervalS: 60, confirmed: true, nbTrans: 3 },
      completion: { statusRequest: true, repairRounds: 1 },
    },
    [2, 9],
    0.995,
  ],
  [
    'whole campaign: class A setup, background uplinks, status, unicast repair',
    {
      devices: { count: 40, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS.slice(0, 2) },
      firmware: { sizeBytes: 3000 },
      setup: { mode: 'classA' },
      multicastGroup: { transmissionIntervalMs: 200 },
      channel: { burst: BURSTS, extraLoss: 0.1 },
      traffic: { uplinkIntervalS: 120 },
      completion: { statusRequest: true, repairRounds: 1, unicastRepair: true },
    },
    [1, 3],
    0.995,
  ],
  [
    'whole campaign: four gateways, class A setup over dense colliding uplinks (the uplinks\' receivers worked out on demand), two demodulators',
    {
      devices: { count: 120, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS, demodulators: 2 },
      firmware: { sizeBytes: 2000 },
      setup: { mode: 'classA' },
      multicastGroup: { transmissionIntervalMs: 200 },
      channel: { burst: BURSTS },
      traffic: { uplinkIntervalS: 20 },
      completion: { statusRequest: true, repairRounds: 1 },
    },
    [1, 5],
    0.995,
  ],
  [
    'unicast fragments (no multicast loop)',
    UNICAST_TOWN,
    [1],
    0,
  ],
];

/** Covered and fully evaluated device-frames of the multicast loop in one run (0, 0 without one). */
interface Counts {
  covered: number;
  full: number;
}

function counting(into: Counts) {
  return {
    onFinish: (_ctx: unknown, campaign: { session: { distribution: { receiver: { evaluations: number; fullEvaluations: number } } | null } | null }) => {
      const rx = campaign.session?.distribution?.receiver;
      into.covered = rx?.evaluations ?? 0;
      into.full = rx?.fullEvaluations ?? 0;
    },
  };
}

describe('multicast loop: the fast path equals the full evaluation, file for file', () => {
  for (const [name, over, seeds, maxFullShare] of CASES) {
    it(`${name} (seeds ${seeds.join(', ')})`, async () => {
      for (const seed of seeds) {
        const s = makeScenario({ ...over, seed });
        const fast: Counts = { covered: 0, full: 0 };
        const reference: Counts = { covered: 0, full: 0 };
        expectSameOutputs(await outputFiles(s, counting(fast)), await outputFiles(s, { reference: true, ...counting(reference) }));
        // the same workload covered; the reference evaluates all of it, the fast path leaves copies out
        expect(fast.covered).toBe(reference.covered);
        expect(reference.full).toBe(reference.covered);
        if (s.fuotaTask.mode === 'multicast') {
          expect(fast.full).toBeGreaterThan(0);
          expect(fast.full).toBeLessThan(maxFullShare * fast.covered);
        }
      }
    });
  }
});

describe('uplink reception: a decision stopped at a sure capture loss', () => {
  it('gives every output file of the full evaluation of every gateway, with many decisions stopped early (seeds 1, 2)', async () => {
    for (const seed of [1, 2]) {
      // dense colliding uplinks on one sub-band's channels: most gateways' decisions face a co-SF
      // interferer past the threshold
      const s = makeScenario({
        seed,
        devices: { count: 300, placement: DISC },
        gateways: { positions: FOUR_GATEWAYS },
        firmware: { sizeBytes: 1500 },
        setup: { mode: 'classA' },
        traffic: { uplinkIntervalS: 10 },
        completion: { statusRequest: true },
      });
      let stopped = 0;
      let decided = 0;
      const fast = await outputFiles(s, {
        onFinish: (_ctx, campaign) => {
          stopped = campaign.ex.medium.sureLosses;
          decided = campaign.ex.medium.sent;
        },
      });
      expectSameOutputs(fast, await outputFiles(s, { reference: true }));
      expect(stopped).toBeGreaterThan(0.05 * decided);
    }
  });
});

describe('multicast loop: frames without a capture memo of their own', () => {
  const limit = capturePatterns.perGateway;
  afterEach(() => {
    capturePatterns.perGateway = limit;
  });

  it('answer a lesser pattern\'s sure failures as the full evaluation does, by either capture rule (seeds 1, 2)', async () => {
    // three patterns remembered per gateway: frames with other interferer patterns (a class A answer
    // at SF12 overlapping the copies, a copy missing) check their devices against a lesser one
    capturePatterns.perGateway = 3;
    const base: Over = {
      devices: { count: 80, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS },
      firmware: { sizeBytes: 6000 },
      multicastGroup: { transmissionIntervalMs: 150 },
      setup: { mode: 'classA' },
      traffic: { uplinkIntervalS: 30, confirmed: true },
      completion: { statusRequest: true, repairRounds: 1 },
    };
    const cases: Over[] = [
      // copies 150 ms apart never combine but count as copies: the capture and isolation rule ('S')
      { ...base, channel: { burst: BURSTS } },
      // copies judged alone: the linear rule ('F') for the copies, 'S' with an SF12 answer among them
      { ...base, channel: { combineCopies: false, burst: BURSTS } },
    ];
    for (const over of cases) {
      for (const seed of [1, 2]) {
        const s = makeScenario({ ...over, seed });
        let lesser = 0;
        let without = 0;
        const fast = await outputFiles(s, {
          onFinish: (_ctx, campaign) => {
            const rx = campaign.session?.distribution?.receiver;
            lesser = rx?.framesWithLesser ?? 0;
            without = rx?.framesWithoutMemo ?? 0;
          },
        });
        expectSameOutputs(fast, await outputFiles(s, { reference: true }));
        expect(lesser).toBeGreaterThanOrEqual(5);
        expect(lesser).toBeLessThanOrEqual(without);
      }
    }
  });
});

