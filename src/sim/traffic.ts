/**
 * Background class A traffic: every device sends an uplink every `uplinkIntervalS` (its own random
 * phase, and each period varied by U(−1, 1) s as LoRaMac-node's example applications do with
 * APP_TX_DUTYCYCLE_RND, so that two devices do not stay locked on the same instant) during the
 * campaign, through the shared uplink medium. Reported as `backgroundPdr`: the share of frames the
 * network received at least once — the cost of FUOTA to normal service (gateways deaf while they
 * transmit fragments, class C devices deaf to the session while they transmit).
 *
 * Confirmed frames and repetitions (`traffic.confirmed`, `traffic.nbTrans`; docs/models/traffic.md):
 * a frame is sent up to NbTrans times (lorawan/confirmed.ts). The network acknowledges every
 * confirmed transmission it receives with a class A downlink (an empty frame with the ACK bit), which
 * costs gateway airtime and duty cycle; when the campaign already answers that uplink, the ACK rides
 * on the campaign's downlink. A repetition stops when the device receives the ACK (confirmed) or any
 * downlink (unconfirmed) in RX1/RX2, and starts ACK_TIMEOUT = 2 ± 1 s after RX2.
 *
 * Listen before talk (`devices.lbt`): before each transmission the device senses the channels
 * (UplinkMedium.clearChannel); when all are busy it backs off and tries again, at most
 * `maxAttempts` rounds, then sends anyway. The campaign's own uplinks (setup and status answers)
 * do not sense the channel.
 */
import { Purpose, uniform } from '../engine/rng.js';
import { RX2_DELAY_US } from '../lorawan/classa.js';
import { afterAttempt } from '../lorawan/confirmed.js';
import { lbtBackoffUs } from '../radio/lbt.js';
import { FRAME_OVERHEAD_BYTES } from '../lorawan/frames.js';
import { Ev } from './events.js';
import type { ClassADownlinks } from './classa-downlink.js';
import type { RunContext } from './context.js';
import type { UplinkMedium } from './uplinks.js';

/** Largest change of one period, µs (LoRaMac-node APP_TX_DUTYCYCLE_RND, 1 s). */
const PERIOD_JITTER_US = 1_000_000;
/** An ACK: a data downlink without FPort and FRMPayload (MHDR, FHDR, MIC), bytes. */
export const ACK_PHY_BYTES = FRAME_OVERHEAD_BYTES - 1;
/** After RX2 opens, by when any answer has ended (an SF12 frame of a few bytes lasts about 1 s), µs. */
const ANSWER_SETTLED_US = 1_500_000;

// Ev.uplinkStart arguments: d (a new frame), n + d (a repetition), 2n + d (send the ACK or let the
// campaign's answer carry it), 3n + d (the windows are over: decide)
const REPEAT = 1;
const ACK = 2;
const DECIDE = 3;

export class BackgroundTraffic {
  private readonly intervalUs: number;
  private readonly owner: number;
  private readonly ackOwner: number;
  private readonly phyBytes: number;
  private readonly sentPerDevice: Uint32Array;
  private readonly n: number;
  private readonly confirmed: boolean;
  private readonly nbTrans: number;
  /** per device: transmissions of the current frame so far (0: none under way) */
  private readonly attempt: Uint8Array;
  /** per device: the network received the current frame / a stopping downlink reached the device */
  private readonly everHeard: Uint8Array;
  private readonly stopped: Uint8Array;
  /** per device: gateway and channel that heard the last transmission (for the ACK) */
  private readonly ackGw: Int32Array;
  private readonly ackFreqHz: Float64Array;
  private readonly ackEndUs: Float64Array;
  /** no uplink starts at or after this time */
  stopUs = Infinity;
  /** frames (not transmissions) sent, and those the network received at least once */
  uplinks = 0;
  delivered = 0;
  /** transmissions beyond the first of each frame, and ACK downlinks queued */
  repetitions = 0;
  acks = 0;
  /** transmissions (first or repeated) that at least one gateway received */
  heardTransmissions = 0;
  /** LBT: rounds in which every channel was busy (the frame backed off) */
  lbtBackoffs = 0;
  private readonly lbtRounds: Uint8Array;

  constructor(
    private readonly ctx: RunContext,
    private readonly medium: UplinkMedium,
    private readonly classA: ClassADownlinks,
  ) {
    const { s } = ctx.world;
    this.n = s.devices.count;
    this.intervalUs = s.traffic.uplinkIntervalS * 1e6;
    this.phyBytes = s.traffic.payloadBytes + FRAME_OVERHEAD_BYTES;
    this.sentPerDevice = new Uint32Array(this.n);
    this.confirmed = s.traffic.confirmed;
    this.nbTrans = s.traffic.nbTrans;
    this.attempt = new Uint8Array(this.n);
    this.everHeard = new Uint8Array(this.n);
    this.stopped = new Uint8Array(this.n);
    this.ackGw = new Int32Array(this.n);
    this.ackFreqHz = new Float64Array(this.n);
    this.ackEndUs = new Float64Array(this.n);
    this.lbtRounds = new Uint8Array(this.n);
    this.owner = medium.register((d, _arg, gateway, endUs, freqHz) => this.onHeard(d, gateway, endUs, freqHz));
    this.ackOwner = classA.register((d, _arg, delivered) => {
      if (delivered) this.stopped[d] = 1;
    });
    if (this.repeats()) {
      const previous = classA.onOutcome;
      classA.onOutcome = (d, endUs, delivered) => {
        previous?.(d, endUs, delivered);
        // any downlink stops an unconfirmed frame's repetitions; a campaign answer carries the ACK
        if (delivered && this.attempt[d] > 0) this.stopped[d] = 1;
      };
    }
  }

  /** Whether frames may take more than one transmission (else the simple path of earlier versions). */
  private repeats(): boolean {
    return this.confirmed || this.nbTrans > 1;
  }

  start(fromUs: number): void {
    if (!(this.intervalUs > 0)) return;
    const { s, fleet } = this.ctx.world;
    for (let d = 0; d < fleet.count; d++) {
      this.ctx.kernel.at(fromUs + Math.floor(uniform(s.seed, Purpose.uplinkPhase, d, 0) * this.intervalUs), Ev.uplinkStart, d);
    }
  }

  /** Ev.uplinkStart: a new frame, a repetition, the ACK or the decision after the windows. */
  onStart(a: number): void {
    const kind = Math.floor(a / this.n);
    const d = a - kind * this.n;
    if (kind === ACK) return this.sendAck(d);
    if (kind === DECIDE) return this.decide(d);
    this.transmit(d, kind === REPEAT);
  }

  /**
   * A device still busy with its previous exchange or held by its duty cycle sends as soon as it
   * may (LoRaMac-node delays a frame its duty cycle holds back); the next period counts from the
   * frame actually sent. A new frame abandons the repetitions of the previous one.
   */
  private transmit(d: number, repetition: boolean): void {
    const { kernel } = this.ctx;
    if (kernel.now >= this.stopUs) return;
    if (repetition && this.attempt[d] === 0) return; // superseded by a new frame
    const freeUs = this.medium.freeAtUs(d);
    const again = (repetition ? REPEAT * this.n : 0) + d;
    if (kernel.now < freeUs) {
      kernel.at(freeUs, Ev.uplinkStart, again);
      return;
    }
    // listen before talk: a clear channel, or a random backoff while rounds remain (lbt.ts)
    const lbt = this.ctx.world.s.devices.lbt;
    let channel = -1;
    if (lbt.enabled) {
      channel = this.medium.clearChannel(d, kernel.now);
      if (channel < 0 && this.lbtRounds[d] < lbt.maxAttempts) {
        this.lbtRounds[d]++;
        this.lbtBackoffs++;
        kernel.after(lbtBackoffUs(lbt, uniform(this.ctx.world.s.seed, Purpose.lbt, d, 0x10000 + this.sentPerDevice[d] * 128 + this.lbtRounds[d])), Ev.uplinkStart, again);
        return;
      }
      this.lbtRounds[d] = 0;
    }
    if (repetition) {
      this.repetitions++;
    } else {
      if (this.attempt[d] > 0 && this.everHeard[d]) this.delivered++; // the previous frame, cut short
      this.uplinks++;
      this.attempt[d] = 0;
      this.everHeard[d] = 0;
      const jitterUs = Math.round((2 * uniform(this.ctx.world.s.seed, Purpose.uplinkPhase, d, ++this.sentPerDevice[d]) - 1) * PERIOD_JITTER_US);
      kernel.after(Math.max(1, this.intervalUs + jitterUs), Ev.uplinkStart, d);
    }
    if (this.repeats()) {
      this.attempt[d]++;
      this.stopped[d] = 0;
    }
    this.medium.send(d, this.phyBytes, 'uplink', this.owner, 0, 0, this.confirmed, channel);
  }

  /** The uplink medium's verdict on one transmission. */
  private onHeard(d: number, gateway: number, endUs: number, freqHz: number): void {
    if (!this.repeats()) {
      if (gateway >= 0) this.delivered++;
      return;
    }
    if (gateway >= 0) {
      this.heardTransmissions++;
      this.everHeard[d] = 1;
      if (this.confirmed) {
        this.ackGw[d] = gateway;
        this.ackFreqHz[d] = freqHz;
        this.ackEndUs[d] = endUs;
        // after the campaign has had its say on this uplink (the heard hook runs after this one)
        this.ctx.kernel.at(endUs, Ev.uplinkStart, ACK * this.n + d);
      }
    }
    this.ctx.kernel.at(endUs + RX2_DELAY_US + ANSWER_SETTLED_US, Ev.uplinkStart, DECIDE * this.n + d);
  }

  /** The network acknowledges: its own empty downlink, unless a campaign answer already takes the windows. */
  private sendAck(d: number): void {
    if (this.classA.hasQueued(d)) return; // the campaign's downlink carries the ACK bit
    this.acks++;
    this.classA.answer(d, this.ackGw[d], this.ackEndUs[d], this.ackFreqHz[d], ACK_PHY_BYTES, 'ack', this.ackOwner);
  }

  /** RX1 and RX2 are over: the frame is done, or repeated after ACK_TIMEOUT. */
  private decide(d: number): void {
    if (this.attempt[d] === 0) return;
    const u = uniform(this.ctx.world.s.seed, Purpose.retransmission, d, this.sentPerDevice[d] * 16 + this.attempt[d]);
    const next = afterAttempt(this.attempt[d], this.nbTrans, this.stopped[d] === 1, this.everHeard[d] === 1, u);
    if (next.kind === 'done') {
      if (next.delivered) this.delivered++;
      this.attempt[d] = 0;
      return;
    }
    this.ctx.kernel.after(next.afterRx2Us, Ev.uplinkStart, REPEAT * this.n + d);
  }
}
