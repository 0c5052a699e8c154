/**
 * A gateway's transmitter: half-duplex, one frame at a time, with a duty-cycle ledger per sub-band.
 * It answers "when may a frame of this airtime start on this frequency", records what it sent, and
 * tells receivers whether it was transmitting during an interval (a gateway cannot receive then).
 */
import { DutyCycleLedger } from '../lorawan/dutycycle.js';
import type { Region, SubBand } from '../lorawan/regions/index.js';
import type { DutyCycleModel } from '../scenario/types.js';

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
  private readonly recentStart = new Float64Array(RECENT);
  private readonly recentEnd = new Float64Array(RECENT);
  private recentCount = 0;

  constructor(
    readonly id: number,
    private readonly region: Region,
    private readonly model: DutyCycleModel,
  ) {}

  private subBand(freqHz: number): SubBand {
    const sb = this.region.subBandOf(freqHz);
    if (!sb) throw new Error(`${freqHz} Hz is outside every ${this.region.name} sub-band`);
    return sb;
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

  /** Earliest start >= nowUs at which the radio is free and the sub-band's ledger allows the frame. */
  earliestStartUs(nowUs: number, freqHz: number, airtimeUs: number): number {
    let t = Math.max(nowUs, this.busyUntilUs);
    const l = this.ledger(this.subBand(freqHz));
    if (l) t = Math.max(t, l.earliestStartUs(t, airtimeUs));
    return t;
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
    const sb = this.subBand(freqHz);
    if (sb !== this.subBand(laterFreqHz)) return true;
    const l = this.ledger(sb);
    if (!l) return true;
    if (this.model === 'off-time') return startUs + airUs / sb.dutyCycle <= laterStartUs;
    return l.earliestStartUs(startUs, airUs + laterAirUs) === startUs;
  }

  /** Records a frame; `readyUs` is when it was ready to go (for the duty-cycle wait statistic). */
  transmit(startUs: number, airtimeUs: number, freqHz: number, readyUs = startUs): void {
    const sb = this.subBand(freqHz);
    const l = this.ledger(sb);
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
  }

  /** Whether any recorded transmission overlaps [fromUs, toUs). */
  transmittingDuring(fromUs: number, toUs: number): boolean {
    const n = Math.min(this.recentCount, RECENT);
    for (let i = 0; i < n; i++) {
      if (this.recentStart[i] < toUs && this.recentEnd[i] > fromUs) return true;
    }
    return false;
  }
}
