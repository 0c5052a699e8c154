/**
 * Energy accounting of a run (docs/models/energy.md): TX current at the device's power, listening
 * until the device really stops, no RX while transmitting, the class B beacon scan, image work.
 */
import { describe, expect, it } from 'vitest';
import { applyJ, eraseJ, programJ, verifyJ } from '../../src/fuota/image/energy.js';
import { isoToGpsUs } from '../../src/lorawan/gps.js';
import { symbolTimeUs } from '../../src/radio/airtime.js';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { DevFlag } from '../../src/sim/campaign/state.js';
import type { RunContext } from '../../src/sim/context.js';
import { simulate } from '../../src/sim/simulate.js';
import type { RunResult } from '../../src/sim/types.js';
import { GENTLE_CHANNEL, nearFleet } from './campaign/fleet.js';
import { makeScenario } from '../helpers/scenario.js';
import { toDeviceOrder } from '../../src/sim/device-order.js';

interface Seen {
  r: RunResult;
  /** copies of the run's state just before the energy is finished */
  rxBeforeUs: Float64Array;
  txInListenUs: Float64Array;
  listenFromUs: Float64Array;
  listenToUs: Float64Array;
  searchFromUs: Float64Array;
  foundUs: Float64Array;
  beaconRxUs: Float64Array;
  rebooted: boolean[];
  members: Int32Array;
  sessionStartUs: number;
  sessionEndUs: number;
}

function run(s: ResolvedScenario): Seen {
  const seen = {} as Seen;
  seen.r = simulate(s, {
    onFinish: (ctx: RunContext, c) => {
      const f = ctx.world.fleet;
      seen.rxBeforeUs = f.energy.rxUs.slice();
      seen.txInListenUs = f.energy.txInListenUs.slice();
      seen.listenFromUs = toDeviceOrder(f.bySlot.listenFromUs, f.order);
      seen.listenToUs = toDeviceOrder(f.bySlot.listenToUs, f.order);
      seen.searchFromUs = f.beaconSearchFromUs.slice();
      seen.foundUs = f.beaconFoundUs.slice();
      seen.beaconRxUs = f.beaconRxUs.slice();
      seen.rebooted = Array.from({ length: f.count }, (_, d) => c.core.st.has(d, DevFlag.rebooted));
      seen.members = ctx.members.slice();
      seen.sessionStartUs = ctx.sessionStartUs;
      seen.sessionEndUs = ctx.sessionEndUs;
    },
  });
  return seen;
}

const rxJ = (s: ResolvedScenario, us: number) => s.devices.radioProfile.supplyV * s.devices.radioProfile.rxA * us * 1e-6;

describe('TX energy', () => {
  it('uses the chip\'s table current at devices.txPowerDbm: 125 mA at 20 dBm (sx1276), 117.9 mA at 22 dBm (sx1262)', () => {
    for (const [radio, dbm, amps] of [['sx1276', 20, 0.125], ['sx1262', 22, 0.1179], ['sx1276', 14, 0.044]] as const) {
      const s = nearFleet(8, { devices: { radio, txPowerDbm: dbm, radioProfile: { txA: amps } }, traffic: { uplinkIntervalS: 300 } });
      const r = simulate(s);
      const airUs = new Float64Array(8);
      for (let i = 0; i < r.transmissions.count; i++) if (r.transmissions.node[i] < 0) airUs[-r.transmissions.node[i] - 1] += r.transmissions.airtimeUs[i];
      for (let d = 0; d < 8; d++) {
        expect(airUs[d]).toBeGreaterThan(0);
        expect(r.devices.energyTxJ[d]).toBeCloseTo(3.3 * amps * airUs[d] * 1e-6, 12);
      }
    }
  });
});

describe('class C listening', () => {
  // the devices rebuild the image but refuse it (not newer): no reboot, they listen until the timeout
  const keepListening = (stop: boolean) => nearFleet(10, {
    setup: { mode: 'instant' },
    devices: { firmwareVersion: '1.5.0', mcu: { profile: 'none' } },
    multicastGroup: { stopListeningWhenDecoded: stop, sessionTimeoutS: 4096 },
    completion: { statusRequest: false },
    fuotaTask: { redundancyPercent: 50 },
    traffic: { uplinkIntervalS: 600 },
  });
  // a device whose clock is early switches before the run's time 0: charged from 0
  const fromUs = (x: Seen, d: number) => Math.max(0, x.listenFromUs[d]);

  it('lasts until the session timeout, past the campaign end, less the device\'s own TX time', () => {
    const x = run(keepListening(false));
    const s = x.r.scenario;
    expect(x.r.summary.campaignDurationS * 1e6).toBeLessThan(x.sessionEndUs - 1e9);
    let withTx = 0;
    for (const d of x.members) {
      expect(x.r.devices.status[d]).toBe('Wrong_descriptor');
      expect(x.listenToUs[d]).toBe(x.sessionEndUs);
      if (x.txInListenUs[d] > 0) withTx++;
      const listenUs = x.sessionEndUs - fromUs(x, d) - x.txInListenUs[d];
      expect(x.r.devices.energyRxJ[d]).toBeCloseTo(rxJ(s, x.rxBeforeUs[d] + listenUs), 9);
      // it sleeps whatever is left of its horizon, which runs to the session end
      const p = s.devices.radioProfile;
      const activeUs = x.rxBeforeUs[d] + listenUs + x.r.devices.energyTxJ[d] / (p.supplyV * p.txA) * 1e6;
      expect(x.r.devices.energySleepJ[d]).toBeCloseTo(p.supplyV * p.sleepA * (x.sessionEndUs - activeUs) * 1e-6, 9);
    }
    // the status answers and background uplinks interrupt the listening
    expect(withTx).toBeGreaterThanOrEqual(8);
  });

  it('stops at decoding when stopListeningWhenDecoded is on', () => {
    const x = run(keepListening(true));
    for (const d of x.members) {
      expect(x.r.devices.status[d]).toBe('Wrong_descriptor');
      const decodedUs = x.r.devices.decodedAtS[d] * 1e6;
      expect(x.listenToUs[d]).toBeCloseTo(decodedUs, 0);
      const listenUs = x.listenToUs[d] - fromUs(x, d) - x.txInListenUs[d];
      expect(x.r.devices.energyRxJ[d]).toBeCloseTo(rxJ(x.r.scenario, x.rxBeforeUs[d] + listenUs), 9);
    }
  });

  it('stops at the reboot into the new image', () => {
    const x = run(nearFleet(10, { setup: { mode: 'instant' }, multicastGroup: { stopListeningWhenDecoded: false, sessionTimeoutS: 8192 } }));
    let rebooted = 0;
    for (const d of x.members) {
      if (!x.rebooted[d]) continue;
      rebooted++;
      expect(x.listenToUs[d]).toBeLessThan(x.sessionEndUs);
      expect(x.listenToUs[d]).toBeGreaterThan(x.r.devices.decodedAtS[d] * 1e6);
      const listenUs = x.listenToUs[d] - Math.max(0, x.listenFromUs[d]) - x.txInListenUs[d];
      expect(x.r.devices.energyRxJ[d]).toBeCloseTo(rxJ(x.r.scenario, x.rxBeforeUs[d] + listenUs), 9);
    }
    expect(rebooted).toBe(10);
  });
});

describe('class B beacon acquisition', () => {
  // SessionTime 1000 s (not on a beacon): the devices start looking one beacon period earlier
  const classB = (acq: 'scan' | 'by-time') => makeScenario({
    devices: { count: 6, placement: { kind: 'disc', radiusM: 200, centerM: [0, 0] }, beaconAcquisition: acq, mcu: { profile: 'none' } },
    channel: GENTLE_CHANNEL,
    multicastGroup: { dlClass: 'ClassB', dlDr: 3, pingSlotPeriod: 4096, sessionStart: 1000, sessionTimeoutS: 4096 },
    traffic: { uplinkIntervalS: 0 },
  });

  it('keeps the receiver on from the start of the search to the end of the first beacon', () => {
    const scan = run(classB('scan'));
    const byTime = run(classB('by-time'));
    const gps0 = isoToGpsUs(scan.r.scenario.startTime);
    const fromUs = 1000e6 - 128e6;
    const beaconUs = Math.ceil((gps0 + fromUs) / 128e6) * 128e6 - gps0;
    const airUs = 152_576; // EU868 beacon, SF9/125 (lorawan-facts 3.3)
    expect(beaconUs - fromUs).toBeGreaterThan(0);
    for (const d of scan.members) {
      expect(scan.searchFromUs[d]).toBe(fromUs);
      expect(scan.foundUs[d]).toBe(beaconUs + airUs);
      // no uplink during the scan; by-time pays the first beacon's window instead of the scan
      expect(scan.txInListenUs[d]).toBe(0);
      const firstWindowUs = airUs + 8 * symbolTimeUs(9, 125_000);
      expect(byTime.beaconRxUs[d] - scan.beaconRxUs[d]).toBeCloseTo(firstWindowUs, 6);
      const extraUs = beaconUs + airUs - fromUs - firstWindowUs;
      expect(scan.r.devices.energyRxJ[d] - byTime.r.devices.energyRxJ[d]).toBeCloseTo(rxJ(scan.r.scenario, extraUs), 9);
    }
  });
});

describe('class B beacon acquisition without a beacon in reach', () => {
  it('scans one beacon interval, then pays one window per beacon as by-time does', () => {
    const noBeacon = (acq: 'scan' | 'by-time') => makeScenario({
      devices: { count: 3, placement: { kind: 'disc', radiusM: 200, centerM: [0, 0] }, beaconAcquisition: acq, mcu: { profile: 'none' } },
      channel: { ...GENTLE_CHANNEL, beaconExtraLoss: 1 },
      multicastGroup: { dlClass: 'ClassB', dlDr: 3, pingSlotPeriod: 4096, sessionStart: 1000, sessionTimeoutS: 1024 },
      traffic: { uplinkIntervalS: 0 },
    });
    const scan = run(noBeacon('scan'));
    const byTime = run(noBeacon('by-time'));
    for (const d of scan.members) {
      expect(scan.foundUs[d]).toBe(Infinity);
      // by-time's only extra: the first beacon's window, missed (8 symbols of SF9/125)
      expect(byTime.beaconRxUs[d] - scan.beaconRxUs[d]).toBeCloseTo(8 * symbolTimeUs(9, 125_000), 6);
      const extraUs = 128e6 - 8 * symbolTimeUs(9, 125_000);
      expect(scan.r.devices.energyRxJ[d] - byTime.r.devices.energyRxJ[d]).toBeCloseTo(rxJ(scan.r.scenario, extraUs), 9);
    }
  });
});

describe('image work', () => {
  it('charges slot erase and fragment storage to session members, the check to rebuilt devices, the install to rebooted ones', () => {
    const x = run(nearFleet(10, { setup: { mode: 'instant' }, firmware: { signature: 'ecdsa-p256' } }));
    const s = x.r.scenario;
    const mcu = s.devices.mcu;
    const frag = s.fuotaTask.fragmentSizeBytes;
    const nbFrag = Math.ceil(s.firmware.sizeBytes / frag); // the manifest adds bytes: at least this many
    for (let d = 0; d < 10; d++) {
      const dev = x.r.devices;
      const store = dev.energyStoreJ[d] - programJ(mcu, dev.fragmentsReceived[d] * frag);
      expect(store).toBeGreaterThanOrEqual(eraseJ(mcu, nbFrag * frag) - 1e-12);
      expect(store).toBeLessThanOrEqual(eraseJ(mcu, (nbFrag + 2) * frag) + 1e-12);
      expect(dev.energyVerifyJ[d]).toBeGreaterThan(verifyJ(mcu, s.firmware.sizeBytes, 'ecdsa-p256'));
      expect(dev.energyApplyJ[d]).toBe(x.rebooted[d] ? applyJ(mcu, s.firmware.sizeBytes, 'overwrite') : 0);
      const parts = dev.energyRxJ[d] + dev.energyTxJ[d] + dev.energySleepJ[d] + dev.energyStandbyJ[d] + dev.energyStoreJ[d] + dev.energyVerifyJ[d] + dev.energyApplyJ[d];
      expect(dev.energyJ[d]).toBeCloseTo(parts, 12);
    }
    expect(x.rebooted.filter(Boolean).length).toBe(10);
  });

  it('charges nothing with devices.mcu.profile "none"', () => {
    const r = simulate(nearFleet(5, { setup: { mode: 'instant' }, devices: { mcu: { profile: 'none' } } }));
    for (const col of [r.devices.energyStoreJ, r.devices.energyVerifyJ, r.devices.energyApplyJ]) expect(Array.from(col)).toEqual([0, 0, 0, 0, 0]);
  });
});
