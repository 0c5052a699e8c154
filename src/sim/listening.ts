/**
 * When a device's receiver is on continuously (docs/models/energy.md): a class C member from the
 * moment it switches to the session until it stops listening; a class B member scanning for its
 * first beacon (devices.beaconAcquisition "scan") from when it starts looking until the end of the
 * first beacon it hears, for one beacon interval at most (LoRaMac-node's acquisition timer; later
 * attempts open one window per beacon, charged by the beacon model). Its own transmissions interrupt that listening: the radio cannot transmit
 * and receive at once, so TX time inside such a period is not charged as RX as well, and its class A
 * receive windows cost nothing extra.
 */
import { BEACON_PERIOD_US } from '../lorawan/classb.js';
import type { Fleet, World } from './world.js';

/** End of device d's beacon scan, µs: its first beacon's end, one beacon interval after it began, or its listening end. */
export function beaconScanEndUs(fleet: Fleet, d: number): number {
  return Math.min(fleet.beaconFoundUs[d], fleet.beaconSearchFromUs[d] + BEACON_PERIOD_US, fleet.bySlot.listenToUs[fleet.order.slotOf[d]]);
}

/** listeningSpan's answer: [start, end) of the continuous listening it last looked up, µs (no array per call) */
const span = new Float64Array(2);

/** Loads `span` with device d's continuous listening as known now, µs (an empty interval when none). */
function listeningSpan(w: World, d: number): void {
  const { fleet, s } = w;
  if (s.multicastGroup.dlClass === 'ClassC') {
    const i = fleet.order.slotOf[d];
    span[0] = fleet.bySlot.listenFromUs[i];
    span[1] = fleet.bySlot.listenToUs[i];
  } else if (s.devices.beaconAcquisition === 'scan') {
    span[0] = fleet.beaconSearchFromUs[d];
    span[1] = beaconScanEndUs(fleet, d);
  } else {
    span[0] = Infinity;
    span[1] = -Infinity;
  }
}

/** A device's continuous listening may start at tUs: lowers the fleet's bound (Fleet.continuousListeningFromUs). */
export function noteListeningFrom(fleet: Fleet, tUs: number): void {
  if (tUs < fleet.continuousListeningFromUs) fleet.continuousListeningFromUs = tUs;
}

/** A member's session listening may end at tUs (SlotState.listenToUs): lowers the fleet's bound (Fleet.listenStopBoundUs). */
export function noteListenTo(fleet: Fleet, tUs: number): void {
  if (tUs < fleet.listenStopBoundUs) fleet.listenStopBoundUs = tUs;
}

/** The member in slot i stops listening to the session at tUs, or earlier if it already had; the fleet's stop bound follows. */
export function endListening(fleet: Fleet, i: number, tUs: number): void {
  const { listenToUs } = fleet.bySlot;
  listenToUs[i] = Math.min(listenToUs[i], tUs);
  noteListenTo(fleet, listenToUs[i]);
}

/** Whether device d's receiver is on continuously at `tUs`. */
export function listensContinuouslyAt(w: World, d: number, tUs: number): boolean {
  // before every device's start: no need to look the device up
  if (tUs < w.fleet.continuousListeningFromUs) return false;
  listeningSpan(w, d);
  return span[0] <= tUs && span[1] > tUs;
}

/** Length of [fromUs, toUs) during which device d listens continuously, µs. */
export function continuousListeningOverlapUs(w: World, d: number, fromUs: number, toUs: number): number {
  if (toUs <= w.fleet.continuousListeningFromUs) return 0;
  listeningSpan(w, d);
  const lo = span[0] > fromUs ? span[0] : fromUs;
  const hi = span[1] < toUs ? span[1] : toUs;
  return hi > lo ? hi - lo : 0;
}
