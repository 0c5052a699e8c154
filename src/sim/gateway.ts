/**
 * A gateway's transmitter: half-duplex, one frame at a time, with a duty-cycle ledger per sub-band.
 * It answers "when may a frame of this airtime start on this frequency", records what it sent, and
 * tells receivers whether it was transmitting during an interval (a gateway cannot receive then).
 *
 * Class B beacons come first. A gateway sends its beacons itself, on time, whatever else is queued:
 * the Semtech packet forwarder (`lora_pkt_fwd`) schedules every beacon ahead in its just-in-time
 * queue and refuses a downlink that would collide with one (`JIT_ERROR_COLLISION_BEACON`, reported
 * to the server as COLLISION_BEACON). Once beacons are reserved (`reserveBeacons`), no other frame
 * may overlap a beacon nor leave the beacon's sub-band without the duty-cycle room the beacon needs,
 * so `sendBeacon` always finds the radio free.
 */
import { DutyCycleLedger } from '../lorawan/dutycycle.js';
import type { Region, SubBand } from '../lorawan/regions/index.js';
import type { DutyCycleModel } from '../scenario/types.js';
import type { DownlinkAir } from './downlink-air.js';

/** The beacons a gateway keeps room for. */
export interface BeaconSchedule {
  airUs: number;
  /** start of the first reserved beacon ending after tUs (Infinity when none is left), µs */
  nextEndingAfterUs(tUs: number): number;
  /** the beacon frequency at tUs */
  freqAtUs(tUs: number): number;
}

const RECENT = 64; // recent transmissions kept for the half-duplex check

export interface SubBandLog {
  subBand: string;
  dutyCycle: number;
  starts: number[];
  airtimes: number[];
}

export class GatewayRadio {
  busyUntilUs = 0;
  /** total time frames waited for the duty-cycle ledger, µs */
  dutyCycleWaitUs = 0;
  private readonly ledgers = new Map<string, DutyCycleLedger>();
  readonly logs = new Map<string, SubBandLog>();
  /**
   * the frequencies asked so far, each with its sub-band and that sub-band's ledger (null: no
   * limit): a handful per run, looked up by a scan instead of the region's sub-band search and a
   * map by name at every ask
   */
  private readonly freqs: number[] = [];
  private readonly freqBand: SubBand[] = [];
  private readonly freqLedger: (DutyCycleLedger | null)[] = [];
  private readonly recentStart = new Float64Array(RECENT);
  private readonly recentEnd = new Float64Array(RECENT);
  private recentCount = 0;
  /** latest end of any frame recorded, µs: nothing recorded overlaps a time after it */
  private lastEndUs = -Infinity;

  /** the class B beacons this gateway sends (null: none) */
  private beacons: BeaconSchedule | null = null;

  constructor(
    readonly id: number,
    private readonly region: Region,
    private readonly model: DutyCycleModel,
    /** every downlink of every gateway, for the receivers' interference check (null: not kept) */
    private readonly air: DownlinkAir | null = null,
  ) {}

  /** From now on, every frame leaves room for these beacons. */
  reserveBeacons(schedule: BeaconSchedule): void {
    this.beacons = schedule;
  }

  /** Index of freqHz in `freqs`, added with its sub-band and ledger the first time. */
  private freqIndex(freqHz: number): number {
    const freqs = this.freqs;
    for (let k = 0; k < freqs.length; k++) if (freqs[k] === freqHz) return k;
    const sb = this.region.subBandOf(freqHz);
    if (!sb) throw new Error(`${freqHz} Hz is outside every ${this.region.name} sub-band`);
    freqs.push(freqHz);
    this.freqBand.push(sb);
    this.freqLedger.push(this.ledger(sb));
    return freqs.length - 1;
  }

  private subBand(freqHz: number): SubBand {
    return this.freqBand[this.freqIndex(freqHz)];
  }

  private ledger(sb: SubBand): DutyCycleLedger | null {
    if (sb.dutyCycle >= 1) return null;
    let l = this.ledgers.get(sb.name);
    if (!l) {
      l = new DutyCycleLedger({ model: this.model, dutyCycle: sb.dutyCycle });
      this.ledgers.set(sb.name, l);
    }
    return l;
  }

  /**
   * Earliest start >= nowUs at which the radio is free, the sub-band's ledger allows the frame and
   * (with reserved beacons) the frame neither overlaps a beacon nor takes the duty cycle the next
   * beacon needs. A start beyond a beacon that is not yet sent is re-checked when the time comes.
   */
  earliestStartUs(nowUs: number, freqHz: number, airtimeUs: number): number {
    const f = this.freqIndex(freqHz);
    const l = this.freqLedger[f];
    let t = Math.max(nowUs, this.busyUntilUs);
    for (;;) {
      if (l) t = Math.max(t, l.earliestStartUs(t, airtimeUs));
      const b = this.beacons;
      if (b === null || !(t < Infinity)) return t;
      const beaconUs = b.nextEndingAfterUs(t);
      if (!(beaconUs < Infinity) || t + airtimeUs <= beaconUs && this.leavesRoomFor(t, airtimeUs, freqHz, beaconUs, b.airUs, b.freqAtUs(beaconUs))) return t;
      // later in the same gap if the ledger allows the frame and the beacon together there
      const sameBand = this.freqBand[f] === this.subBand(b.freqAtUs(beaconUs));
      if (t + airtimeUs <= beaconUs && l && sameBand && this.model === 'sliding-window') {
        const t2 = l.earliestStartUs(t, airtimeUs + b.airUs);
        if (t2 + airtimeUs <= beaconUs) return t2;
      }
      t = beaconUs + b.airUs;
    }
  }

  /** Whether the ledger allows a frame starting exactly now (radio free and within duty cycle). */
  canStartNow(nowUs: number, freqHz: number, airtimeUs: number): boolean {
    return this.earliestStartUs(nowUs, freqHz, airtimeUs) === nowUs;
  }

  /**
   * Whether sending [startUs, +airUs) on freqHz still lets a later frame [laterStartUs, +laterAirUs)
   * on laterFreqHz go out on time (class B: a fragment must not cost the next beacon). Off-time: the
   * sub-band is free again at start + ToA/dc. Sliding window: sufficient condition — the ledger would
   * take one frame of both airtimes at startUs (moving part of it later only empties windows).
   */
  leavesRoomFor(startUs: number, airUs: number, freqHz: number, laterStartUs: number, laterAirUs: number, laterFreqHz: number): boolean {
    if (startUs + airUs > laterStartUs) return false; // half-duplex: the radio would still be busy
    const f = this.freqIndex(freqHz);
    const sb = this.freqBand[f];
    if (sb !== this.subBand(laterFreqHz)) return true;
    const l = this.freqLedger[f];
    if (!l) return true;
    if (this.model === 'off-time') return startUs + airUs / sb.dutyCycle <= laterStartUs;
    return l.earliestStartUs(startUs, airUs + laterAirUs) === startUs;
  }

  /** Sends a beacon now: it has priority, so the radio is free (reserved) and no ledger is asked. */
  sendBeacon(startUs: number, airtimeUs: number, freqHz: number, sf: number): number {
    if (startUs < this.busyUntilUs) throw new Error(`gateway ${this.id}: a frame is still on the air at the beacon time ${startUs} µs`);
    return this.transmit(startUs, airtimeUs, freqHz, startUs, sf);
  }

  /**
   * Records a frame (spreading factor `sf` for the receivers' interference check); `readyUs` is when
   * it was ready to go (for the duty-cycle wait statistic). Returns its id among all downlinks
   * (-1 when no log is kept). `content` names what the frame carries (copies of one multicast frame
   * from several gateways share it; -1: unique).
   */
  transmit(startUs: number, airtimeUs: number, freqHz: number, readyUs = startUs, sf = 0, content = -1): number {
    const f = this.freqIndex(freqHz);
    const sb = this.freqBand[f];
    const l = this.freqLedger[f];
    if (l) l.record(startUs, airtimeUs);
    this.busyUntilUs = startUs + airtimeUs;
    if (startUs > readyUs) this.dutyCycleWaitUs += startUs - readyUs;
    let log = this.logs.get(sb.name);
    if (!log) {
      log = { subBand: sb.name, dutyCycle: sb.dutyCycle, starts: [], airtimes: [] };
      this.logs.set(sb.name, log);
    }
    log.starts.push(startUs);
    log.airtimes.push(airtimeUs);
    const k = this.recentCount++ % RECENT;
    this.recentStart[k] = startUs;
    this.recentEnd[k] = startUs + airtimeUs;
    if (startUs + airtimeUs > this.lastEndUs) this.lastEndUs = startUs + airtimeUs;
    return this.air === null ? -1 : this.air.add(startUs, airtimeUs, this.id, freqHz, sf, content);
  }

  /** Whether any recorded transmission overlaps [fromUs, toUs). */
  transmittingDuring(fromUs: number, toUs: number): boolean {
    if (this.lastEndUs <= fromUs) return false;
    const n = Math.min(this.recentCount, RECENT);
    for (let i = 0; i < n; i++) {
      if (this.recentStart[i] < toUs && this.recentEnd[i] > fromUs) return true;
    }
    return false;
  }
}
