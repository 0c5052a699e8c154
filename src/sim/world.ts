/**
 * Builds the static world of one run from a resolved scenario: the region's radio parameters for
 * the session, device and gateway positions, the link table, and the fleet's per-device state as
 * struct-of-arrays (one typed array per field, indexed by device number).
 */
import type { ResolvedScenario } from '../scenario/types.js';
import { getRegion, type Region } from '../lorawan/regions/index.js';
import { lorawanDownlinkAirtimeUs } from '../radio/airtime.js';
import { dataFragmentPhyBytes } from '../lorawan/frames.js';
import { deviceSensitivityDbm } from '../radio/sensitivity.js';
import { EnergyLedger } from '../radio/energy.js';
import { BurstProcess } from '../radio/burst.js';
import { deviceOrder, identityOrder, type DeviceOrder, type DeviceOrderKind } from './device-order.js';
import { buildLinks, type LinkTable } from './links.js';
import { OpenWindows } from './open-windows.js';
import { placeDevices, type Positions } from './placement.js';
import { DEVICE_STATUSES, type DeviceStatus } from './types.js';


export const STATUS_INDEX: Record<DeviceStatus, number> = Object.fromEntries(DEVICE_STATUSES.map((s, i) => [s, i])) as Record<DeviceStatus, number>;

export interface SessionRadio {
  dr: number;
  sf: number;
  bwHz: number;
  freqHz: number;
  fragmentPhyBytes: number;
  fragmentAirtimeUs: number;
  deviceSensitivityDbm: number;
}

/**
 * The per-device fields the multicast loop reads for every device it visits, stored by slot
 * (device-order.ts): device d's at `order.slotOf[d]`.
 */
export interface SlotState {
  /** session listening interval [from, to), µs; Infinity / -Infinity when never */
  listenFromUs: Float64Array;
  listenToUs: Float64Array;
  /**
   * The device is deaf to the session between these times: its own uplink (class C), or its uplink
   * and both class A windows (class B: ping slots wait for the class A exchange). Whoever sets or
   * stretches these or the RX1 window adds the device's slot to `openWindows`.
   */
  deafFromUs: Float64Array;
  deafToUs: Float64Array;
  /** class C: its RX1 window, when it listens on the RX1 channel and data rate instead */
  rx1FromUs: Float64Array;
  rx1ToUs: Float64Array;
  /** slots whose deaf or RX1 window may still overlap a multicast frame (the uplink medium adds them) */
  openWindows: OpenWindows;
  fragmentsReceived: Int32Array;
  fragmentsNeeded: Int32Array;
  decodedAtUs: Float64Array;
  /** class B: ping-slot frames the receiver locked on, and their airtime, µs */
  slotFramesCount: Int32Array;
  slotFramesUs: Float64Array;
}

/** Per-device mutable state of a run (struct of arrays), indexed by device except `bySlot`. */
export interface Fleet {
  count: number;
  /** where each device's `bySlot` fields sit */
  order: DeviceOrder;
  bySlot: SlotState;
  status: Uint8Array; // index into DEVICE_STATUSES
  /** 1 when the device took part in the session (set up, accepted it) */
  member: Uint8Array;
  /** Gilbert–Elliott burst state over time, by slot (null: channel.burst.model "none") */
  burst: BurstProcess | null;
  /** class B */
  lastBeaconUs: Float64Array;
  missedBeacons: Uint16Array;
  beaconRxUs: Float64Array;
  /** class B beacon acquisition: when the device started looking for a beacon, and the end of the first one it heard (Infinity: not yet) */
  beaconSearchFromUs: Float64Array;
  beaconFoundUs: Float64Array;
  /**
   * No device's continuous listening (listening.ts) starts before this, µs: Infinity until the first
   * one is set. Whoever sets a class C listening start or a beacon search start lowers it
   * (`noteListeningFrom`), so the uplinks sent before the session need not look the device up.
   */
  continuousListeningFromUs: number;
  /**
   * Bounds of the members' session listening (SlotState), for the multicast loop: every member's
   * listenFromUs is at most `listenStartBoundUs` (Infinity unless class C's SessionTime set them all;
   * class B's starts, one per beacon heard, leave it at Infinity), and no listenToUs set since the
   * fleet was made is below `listenStopBoundUs` (whoever sets one lowers it: `endListening`, `noteListenTo`). A frame
   * within both is listened to by every member, so the loop need not look at their windows.
   */
  listenStartBoundUs: number;
  listenStopBoundUs: number;
  /** energy ledger: time spent per radio state, µs */
  energy: EnergyLedger;
  /** clock error after synchronisation, µs (positive: the device's clock is late) */
  clockErrorUs: Float64Array;
}

export interface World {
  s: ResolvedScenario;
  region: Region;
  radio: SessionRadio;
  positions: Positions;
  links: LinkTable;
  /** gateways of the multicast group, in the order they transmit a frame */
  groupGateways: number[];
  fleet: Fleet;
  /**
   * Evaluate every device-frame in full, leaving nothing out (the straightforward path the fast one
   * is tested against, reception.ts); results are the same byte for byte either way.
   */
  reference: boolean;
}

export function sessionRadio(s: ResolvedScenario, region: Region): SessionRadio {
  const dr = region.dataRates[s.multicastGroup.dlDr];
  if (!dr) throw new Error(`DR${s.multicastGroup.dlDr} is not defined in ${region.name}`);
  const fragmentPhyBytes = dataFragmentPhyBytes(s.fuotaTask.fragmentSizeBytes);
  return {
    dr: s.multicastGroup.dlDr,
    sf: dr.sf,
    bwHz: dr.bwHz,
    freqHz: s.multicastGroup.dlFreq,
    fragmentPhyBytes,
    fragmentAirtimeUs: lorawanDownlinkAirtimeUs(dr.sf, dr.bwHz, fragmentPhyBytes),
    deviceSensitivityDbm: deviceSensitivityDbm(s.devices.radio, dr.sf, dr.bwHz),
  };
}

export function newFleet(count: number, order: DeviceOrder = identityOrder(count)): Fleet {
  const f64 = (v: number) => new Float64Array(count).fill(v);
  return {
    count,
    order,
    bySlot: {
      listenFromUs: f64(Infinity),
      listenToUs: f64(-Infinity),
      deafFromUs: f64(-1),
      deafToUs: f64(-1),
      rx1FromUs: f64(-1),
      rx1ToUs: f64(-1),
      openWindows: new OpenWindows(count),
      fragmentsReceived: new Int32Array(count),
      fragmentsNeeded: new Int32Array(count).fill(-1),
      decodedAtUs: f64(NaN),
      slotFramesCount: new Int32Array(count),
      slotFramesUs: new Float64Array(count),
    },
    status: new Uint8Array(count).fill(STATUS_INDEX.Initial),
    member: new Uint8Array(count),
    burst: null,
    lastBeaconUs: f64(-Infinity),
    missedBeacons: new Uint16Array(count),
    beaconRxUs: new Float64Array(count),
    beaconSearchFromUs: f64(Infinity),
    beaconFoundUs: f64(Infinity),
    continuousListeningFromUs: Infinity,
    listenStartBoundUs: Infinity,
    listenStopBoundUs: Infinity,
    energy: new EnergyLedger(count),
    clockErrorUs: new Float64Array(count),
  };
}

/** A fresh fleet for scenario s, its state stored in `order`: every per-device state at its start, the channel's burst process included. */
export function scenarioFleet(s: ResolvedScenario, order: DeviceOrder): Fleet {
  const fleet = newFleet(s.devices.count, order);
  const b = s.channel.burst;
  if (b.model === 'gilbert-elliott') fleet.burst = new BurstProcess(s.devices.count, s.seed, b.meanBurstS, b.meanGapS, order.deviceOf);
  return fleet;
}

/**
 * The fewest gateways that reach every device some gateway reaches (received power at or above the
 * device's sensitivity at the session data rate): greedy set cover, the gateway reaching the most
 * devices not yet covered first, ties to the lower id. Returned in id order.
 */
export function coveringGateways(links: LinkTable, txDbm: number, sensitivityDbm: number): number[] {
  const { devices: n, gateways: G, lossDb } = links;
  const covered = new Uint8Array(n);
  const chosen: number[] = [];
  for (;;) {
    let best = -1;
    let bestGain = 0;
    for (let g = 0; g < G; g++) {
      if (chosen.includes(g)) continue;
      let gain = 0;
      for (let d = 0; d < n; d++) if (!covered[d] && txDbm - lossDb[d * G + g] >= sensitivityDbm) gain++;
      if (gain > bestGain) {
        best = g;
        bestGain = gain;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    for (let d = 0; d < n; d++) if (txDbm - lossDb[d * G + best] >= sensitivityDbm) covered[d] = 1;
  }
  // a fleet nobody reaches still needs a sender: the first gateway
  return chosen.length > 0 ? chosen.sort((a, b) => a - b) : [0];
}

/** The world of scenario s; its per-device state stored by strongest gateway unless `order` says otherwise (device-order.ts). */
export function buildWorld(s: ResolvedScenario, reference = false, order: DeviceOrderKind = 'space'): World {
  const region = getRegion(s.region);
  const radio = sessionRadio(s, region);
  const positions = placeDevices(s.devices.placement, s.devices.count, s.seed);
  const links = buildLinks(s, positions, radio.freqHz);
  const gw = s.multicastGroup.gateways;
  const all = s.gateways.positions.map((_, i) => i);
  const txDbm = s.gateways.txPowerDbm + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
  const groupGateways = gw === 'all' ? all : gw === 'cover' ? coveringGateways(links, txDbm, radio.deviceSensitivityDbm) : [...gw];
  return worldAround(s, positions, links, groupGateways, reference, deviceOrder(order, links, s.seed));
}

/** The world of scenario s around positions, links and group already built (buildWorld; the setup probe's thread, probe-thread.ts). */
export function worldAround(s: ResolvedScenario, positions: Positions, links: LinkTable, groupGateways: number[], reference: boolean, order: DeviceOrder): World {
  const region = getRegion(s.region);
  return { s, region, radio: sessionRadio(s, region), positions, links, groupGateways, fleet: scenarioFleet(s, order), reference };
}
