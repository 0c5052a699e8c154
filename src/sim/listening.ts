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

/** Start and end of device d's continuous listening as known now, µs (an empty interval when none). */
function listeningSpan(w: World, d: number): [number, number] {
  const { fleet, s } = w;
  if (s.multicastGroup.dlClass === 'ClassC') {
    const i = fleet.order.slotOf[d];
    return [fleet.bySlot.listenFromUs[i], fleet.bySlot.listenToUs[i]];
  }
  if (s.devices.beaconAcquisition === 'scan') return [fleet.beaconSearchFromUs[d], beaconScanEndUs(fleet, d)];
  return [Infinity, -Infinity];
}

/** Whether device d's receiver is on continuously at `tUs`. */
export function listensContinuouslyAt(w: World, d: number, tUs: number): boolean {
  const [from, to] = listeningSpan(w, d);
  return from <= tUs && to > tUs;
}

/** Length of [fromUs, toUs) during which device d listens continuously, µs. */
export function continuousListeningOverlapUs(w: World, d: number, fromUs: number, toUs: number): number {
  const [from, to] = listeningSpan(w, d);
  const lo = from > fromUs ? from : fromUs;
  const hi = to < toUs ? to : toUs;
  return hi > lo ? hi - lo : 0;
}
