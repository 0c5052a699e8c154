/**
 * The fleet's storage order (device-order.ts): the orders are permutations, the default one groups
 * the devices by strongest gateway, and a run gives every output file byte for byte whatever the
 * order: the per-device state stored scrambled (every access must translate the device number)
 * against stored as numbered, on scenarios that reach every user of that state.
 */
import { describe, expect, it } from 'vitest';
import { identityOrder, scrambledOrder, spaceOrder, type DeviceOrder } from '../../src/sim/device-order.js';
import type { LinkTable } from '../../src/sim/links.js';
import type { DeviceOrderKind } from '../../src/sim/device-order.js';
import { makeScenario } from '../helpers/scenario.js';
import { expectSameOutputs, outputFiles } from '../helpers/outputs.js';
import { BURSTS, DISC, FOUR_GATEWAYS, UNICAST_TOWN } from '../helpers/town.js';

type Over = Parameters<typeof makeScenario>[0];

function expectPermutation(o: DeviceOrder, n: number): void {
  expect(o.slotOf.length).toBe(n);
  expect(o.deviceOf.length).toBe(n);
  for (let i = 0; i < n; i++) expect(o.slotOf[o.deviceOf[i]]).toBe(i);
}

/** A link table with these path losses, dB ([device][gateway]). */
function links(loss: number[][]): LinkTable {
  return { devices: loss.length, gateways: loss[0].length, lossDb: Float64Array.from(loss.flat()) } as unknown as LinkTable;
}

describe('device orders', () => {
  it('are permutations: identity, scrambled and by strongest gateway', () => {
    expectPermutation(identityOrder(7), 7);
    const scrambled = scrambledOrder(50, 3);
    expectPermutation(scrambled, 50);
    expect(Array.from(scrambled.deviceOf)).not.toEqual(Array.from(identityOrder(50).deviceOf));
    // the same seed, the same order
    expect(Array.from(scrambledOrder(50, 3).deviceOf)).toEqual(Array.from(scrambled.deviceOf));
  });

  it('group the devices by the gateway with the least path loss, ties to the lower gateway, in device order within a group', () => {
    const o = spaceOrder(links([
      [120, 100, 130], // 1
      [90, 110, 95], // 0
      [140, 140, 120], // 2
      [100, 100, 101], // tie 0 / 1: 0
      [130, 99, 99.5], // 1
    ]));
    expectPermutation(o, 5);
    expect(Array.from(o.deviceOf)).toEqual([1, 3, 0, 4, 2]);
  });

  it('is the identity with one gateway', () => {
    expect(Array.from(spaceOrder(links([[120], [90], [140]])).deviceOf)).toEqual([0, 1, 2]);
  });
});


const CASES: [string, Over][] = [
  [
    'class C, four gateways, a memory bound, bursts, status, repair, payload decoders, listening after decoding',
    {
      devices: { count: 60, memoryFragments: 4, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS },
      firmware: { sizeBytes: 5000 },
      fuotaTask: { redundancyPercent: 40 },
      multicastGroup: { transmissionIntervalMs: 300, stopListeningWhenDecoded: false },
      channel: { burst: { ...BURSTS, lossGood: 0, lossBad: 1 }, extraLoss: 0.1 },
      traffic: { uplinkIntervalS: 60 },
      simulation: { payloadSampleDevices: 6 },
      completion: { statusRequest: true, repairRounds: 1 },
    },
  ],
  [
    'class B, SINR reception, Rayleigh fading, bursts, three gateways, beacon scan, repair round',
    {
      devices: { count: 50, placement: DISC, beaconAcquisition: 'scan' },
      gateways: { positions: FOUR_GATEWAYS.slice(0, 3) },
      firmware: { sizeBytes: 2500 },
      multicastGroup: { dlClass: 'ClassB', pingSlotPeriod: 32, transmissionIntervalMs: 0, stopListeningWhenDecoded: false },
      channel: { reception: 'sinr', fading: 'rayleigh', burst: BURSTS, beaconExtraLoss: 0.1 },
      traffic: { uplinkIntervalS: 60 },
      completion: { statusRequest: true, repairRounds: 1 },
    },
  ],
  [
    'whole campaign: class A setup over colliding uplinks, class A answers during the session, unicast repair, a booked start',
    {
      devices: { count: 40, placement: DISC },
      gateways: { positions: FOUR_GATEWAYS, demodulators: 2 },
      firmware: { sizeBytes: 2000 },
      setup: { mode: 'classA' },
      multicastGroup: { transmissionIntervalMs: 200 },
      channel: { burst: BURSTS, extraLoss: 0.05 },
      traffic: { uplinkIntervalS: 60, confirmed: true, nbTrans: 2 },
      completion: { statusRequest: true, repairRounds: 1, unicastRepair: true },
    },
  ],
  [
    'unicast fragments (no multicast loop)',
    UNICAST_TOWN,
  ],
];

describe('a run stored in any order', () => {
  for (const [name, over] of CASES) {
    it(`gives every output file of the run stored as numbered: ${name}`, async () => {
      for (const seed of [1, 2]) {
        const s = makeScenario({ ...over, seed });
        let used: Int32Array | null = null;
        const files = (deviceOrder: DeviceOrderKind) =>
          outputFiles(s, { deviceOrder, onFinish: (ctx) => void (deviceOrder === 'scrambled' && (used = ctx.world.fleet.order.deviceOf)) });
        const numbered = await files('identity');
        expectSameOutputs(await files('scrambled'), numbered);
        expectSameOutputs(await files('space'), numbered);
        // the scrambled run did store the devices out of order
        expect(used).not.toBeNull();
        expect(Array.from(used!).some((d, i) => d !== i)).toBe(true);
      }
    });
  }

  it('with the setup probe on a thread of its own', async () => {
    const s = makeScenario({ ...CASES[2][1], seed: 3 });
    expectSameOutputs(await outputFiles(s, { deviceOrder: 'scrambled', probeThread: true }), await outputFiles(s, { deviceOrder: 'identity', probeThread: false }));
  });
});
