/**
 * Class B: the group's ping slots and the beacons.
 *
 * Beacons start at GPS times that are multiples of 128 s (simulation time 0 is the scenario's
 * `startTime`, lorawan-facts 3.1, 4.3). Every gateway sends every beacon, on time: the beacon has
 * priority (gateway.ts), so from the moment beacons are scheduled each gateway keeps them free of
 * other frames and keeps the duty cycle they need. A member device needs a beacon to enter class B; it then listens in every ping slot of
 * the group. A missed beacon widens its receive windows; after 120 min without a beacon it leaves
 * class B and hears no more ping slots (lorawan-facts 3.1).
 *
 * A device hears a beacon when the strongest gateway's reaches it; the other gateways' beacons, sent
 * at the same GPS instant, are not interference. Their common part (Param, Time, CRC1; layout in
 * lorawan-facts 3.3) is identical, and LoRaMac-node (src/mac/LoRaMacClassB.c,
 * `LoRaMacClassBRxBeacon`) locks on a beacon whose CRC1 is valid, reading the gateway-specific field
 * only when CRC2 also passes. That is the simulcast
 * rule of the multicast frames (radio/simulcast.ts, channel.combineCopies), whose sensitivity check
 * is also on the strongest copy; with combineCopies false beacons still do not interfere.
 */
import { Purpose, uniform } from '../engine/rng.js';
import { beaconAirtimeUs, symbolTimeUs } from '../radio/airtime.js';
import { deviceSensitivityDbm } from '../radio/sensitivity.js';
import { BEACON_PERIOD_US, BEACON_RESERVED_US, BEACON_SYMBOL_TIMEOUT_DEFAULT, BEACONLESS_MAX_US, PING_SLOT_US, pingOffset } from '../lorawan/classb.js';
import { Ev } from './events.js';
import { beaconScanEndUs, endListening, noteListeningFrom } from './listening.js';
import type { BeaconSchedule } from './gateway.js';
import type { RunContext } from './context.js';

/** Every ping-slot start (simulation µs) of the group in [fromUs, toUs), ascending. */
export function groupPingSlots(ctx: RunContext, fromUs: number, toUs: number): Float64Array {
  const { s } = ctx.world;
  const address = Number.parseInt(s.multicastGroup.mcAddr, 16) >>> 0;
  const period = s.multicastGroup.pingSlotPeriod;
  const pingNb = 4096 / period;
  const out: number[] = [];
  let beaconGpsUs = Math.floor((ctx.gpsEpochUs + fromUs) / BEACON_PERIOD_US) * BEACON_PERIOD_US;
  for (; beaconGpsUs - ctx.gpsEpochUs < toUs; beaconGpsUs += BEACON_PERIOD_US) {
    const offset = pingOffset(beaconGpsUs / 1e6, address, period);
    for (let n = 0; n < pingNb; n++) {
      const t = beaconGpsUs + BEACON_RESERVED_US + PING_SLOT_US * (offset + n * period) - ctx.gpsEpochUs;
      if (t >= fromUs && t < toUs) out.push(t);
    }
  }
  return Float64Array.from(out);
}

export class BeaconModel implements BeaconSchedule {
  readonly airUs: number;
  private readonly sf: number;
  private readonly bwHz: number;
  private readonly dr: number;
  private readonly sensDbm: number;
  private readonly pingNb: number;
  /** scan acquisition: the receiver is on until the first beacon, charged as one stretch (finalize.ts) */
  private readonly scan: boolean;
  private startedUs = Infinity;
  beaconsSent = 0;
  /** start of the last beacon processed, µs */
  lastUs = -Infinity;
  /** start of the first scheduled beacon, µs (Infinity before `start`) */
  private firstUs = Infinity;

  constructor(private readonly ctx: RunContext) {
    const { region, s } = ctx.world;
    const dr = region.dataRates[region.beacon.dr];
    if (!dr) throw new Error(`${region.name} has no beacon data rate`);
    this.dr = region.beacon.dr;
    this.sf = dr.sf;
    this.bwHz = dr.bwHz;
    this.airUs = beaconAirtimeUs(dr.sf, dr.bwHz, region.beacon.sizeBytes);
    this.sensDbm = deviceSensitivityDbm(s.devices.radio, dr.sf, dr.bwHz);
    this.pingNb = 4096 / s.multicastGroup.pingSlotPeriod;
    this.scan = s.devices.beaconAcquisition === 'scan';
  }

  /** Receive time of a beacon heard with the default 8-symbol search (3.1), µs. */
  heardWindowUs(): number {
    return this.airUs + BEACON_SYMBOL_TIMEOUT_DEFAULT * symbolTimeUs(this.sf, this.bwHz);
  }

  /** Start of the first beacon strictly after `tUs` (simulation µs). */
  nextBeaconUs(tUs: number): number {
    const gps0 = this.ctx.gpsEpochUs;
    return (Math.floor((gps0 + tUs) / BEACON_PERIOD_US) + 1) * BEACON_PERIOD_US - gps0;
  }

  /** The beacon's frequency at simulation time `tUs` (US915/AU915 hop per beacon period). */
  freqAtUs(tUs: number): number {
    return this.ctx.world.region.beacon.freqHz(Math.round((this.ctx.gpsEpochUs + tUs) / 1e6));
  }

  /**
   * Schedules the beacons from one period before the session start to the session end, and has every
   * gateway reserve them. The first is the first beacon time after now at which no gateway is still
   * sending a frame it started before the reservation.
   */
  start(): void {
    const { gpsEpochUs, sessionStartUs, sessionEndUs, kernel, gateways } = this.ctx;
    let fromUs = Math.max(0, kernel.now, sessionStartUs - BEACON_PERIOD_US);
    for (const gw of gateways) fromUs = Math.max(fromUs, gw.busyUntilUs);
    const firstGps = Math.ceil((gpsEpochUs + fromUs) / BEACON_PERIOD_US) * BEACON_PERIOD_US;
    const t = firstGps - gpsEpochUs;
    if (t < sessionEndUs) {
      this.firstUs = t;
      for (const gw of gateways) gw.reserveBeacons(this);
      kernel.at(t, Ev.beacon, 0);
    }
    // the members start looking for a beacon now (docs/models/energy.md, beacon acquisition)
    this.startedUs = kernel.now;
    const search = this.ctx.world.fleet.beaconSearchFromUs;
    for (const d of this.ctx.members) search[d] = Math.min(search[d], kernel.now);
    noteListeningFrom(this.ctx.world.fleet, kernel.now);
  }

  /** BeaconSchedule: start of the first beacon still on the air after tUs, within the session. */
  nextEndingAfterUs(tUs: number): number {
    const gps0 = this.ctx.gpsEpochUs;
    const b = Math.max(this.firstUs, Math.floor((gps0 + tUs - this.airUs) / BEACON_PERIOD_US + 1) * BEACON_PERIOD_US - gps0);
    return b < this.ctx.sessionEndUs ? b : Infinity;
  }

  /** Ev.beacon: every gateway sends the beacon; every member device hears it or not. */
  onBeacon(): void {
    const { kernel, gateways, world, members, sessionStartUs, sessionEndUs, txlog } = this.ctx;
    const { s, fleet, links, region } = world;
    const now = kernel.now;
    const beaconGpsS = Math.round((this.ctx.gpsEpochUs + now) / 1e6);
    const freqHz = region.beacon.freqHz(beaconGpsS);
    for (const gw of gateways) {
      gw.sendBeacon(now, this.airUs, freqHz, this.sf); // never skipped: the time was kept free
      txlog.add(now, this.airUs, gw.id, 'beacon', freqHz, this.dr, this.sf, this.bwHz, region.beacon.sizeBytes);
    }
    this.beaconsSent++;
    this.lastUs = now;
    const G = links.gateways;
    const txDbm = s.gateways.txPowerDbm + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
    const extra = s.channel.beaconExtraLoss;
    const tsym = symbolTimeUs(this.sf, this.bwHz);
    const b = Math.round(beaconGpsS / 128);
    const { listenFromUs, listenToUs } = fleet.bySlot;
    const { slotOf } = fleet.order;
    for (let m = 0; m < members.length; m++) {
      const d = members[m];
      const i = slotOf[d];
      if (listenToUs[i] <= now) continue; // left class B or finished
      let best = -Infinity;
      for (let g = 0; g < G; g++) best = Math.max(best, txDbm - links.lossDb[d * G + g]);
      const heard = best >= this.sensDbm && !(extra > 0 && uniform(s.seed, Purpose.beaconLoss, d, b) < extra);
      // receive window: the beacon plus a preamble search that doubles after each miss (3.1)
      const timeoutSymbols = Math.min(8 * 2 ** fleet.missedBeacons[d], 255);
      // a member added at SessionTime (after the preroll) started looking then
      if (fleet.beaconSearchFromUs[d] === Infinity) {
        fleet.beaconSearchFromUs[d] = Math.max(this.startedUs, Math.min(now, sessionStartUs));
        noteListeningFrom(fleet, fleet.beaconSearchFromUs[d]);
      }
      const acquiring = fleet.beaconFoundUs[d] === Infinity;
      // while scanning the receiver is on anyway: no window of its own (sim/listening.ts)
      const scanning = this.scan && acquiring && now < beaconScanEndUs(fleet, d);
      if (!scanning) fleet.beaconRxUs[d] += (heard ? this.airUs : 0) + timeoutSymbols * tsym;
      if (heard && acquiring) fleet.beaconFoundUs[d] = now + this.airUs;
      if (heard) {
        fleet.lastBeaconUs[d] = now;
        fleet.missedBeacons[d] = 0;
        if (listenFromUs[i] === Infinity) listenFromUs[i] = Math.max(now, sessionStartUs);
      } else {
        if (fleet.missedBeacons[d] < 65535) fleet.missedBeacons[d]++;
        if (listenFromUs[i] !== Infinity && now - fleet.lastBeaconUs[d] >= BEACONLESS_MAX_US) {
          endListening(fleet, i, now); // beacon lost: back to class A
        } else if (listenFromUs[i] !== Infinity) {
          // ping windows open early by 2 ms, doubling per missed beacon, up to 256 ms (3.1)
          fleet.energy.rxUs[d] += this.pingNb * Math.min(2000 * 2 ** (fleet.missedBeacons[d] - 1), 256_000);
        }
      }
    }
    if (now + BEACON_PERIOD_US < sessionEndUs) kernel.at(now + BEACON_PERIOD_US, Ev.beacon, 0);
  }
}
