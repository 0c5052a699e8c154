/**
 * Class A request/answer exchanges between the server and each device.
 *
 * Server side, each device has a mailbox holding at most one request. The request goes out in the
 * RX1/RX2 windows of the next uplink of that device a gateway hears (ClassADownlinks). When the
 * gateway cannot send in either window (radio busy, duty cycle, frame too long for the data rate),
 * the request stays queued and the attempt does not count, as a network server keeps a downlink
 * queued. A request the gateway sent counts as an attempt; if its answer is not heard within the
 * answer timeout, the next uplink carries it again, up to `setup.maxRetries` retries. The server gives
 * up after the last attempt's timeout, or when it has not heard the device for (maxRetries + 1) uplink
 * intervals. One-shot answers (AppTimeAns, a unicast DataFragment) take precedence in the window.
 *
 * Device side, a device answers a request by an uplink `answerDelayS` plus a jitter U(0, 1 s)
 * later, no earlier than its own duty cycle allows: after a campaign uplink of airtime T on a
 * sub-band with duty cycle dc it stays silent until T / dc after that uplink's start (ETSI off-time;
 * its background uplinks are assumed to fit its budget and are not counted). A device without
 * background traffic sends an empty uplink every `POLL_INTERVAL_S` while the campaign has work for
 * it (docs/models/campaign.md, "Uplink opportunities").
 */
import { Purpose, uniform } from '../../engine/rng.js';
import { Priority } from '../../engine/kernel.js';
import { RX2_DELAY_US } from '../../lorawan/classa.js';
import type { ClassADownlinks } from '../classa-downlink.js';
import type { RunContext } from '../context.js';
import { Ev } from '../events.js';
import type { UplinkMedium } from '../uplinks.js';
import { EXPECTED_ANSWER, Msg, msgKind, msgPhyBytes } from './messages.js';

/** Uplink period of a device that has no background traffic, s (the traffic default). */
export const POLL_INTERVAL_S = 900;
/** The longest campaign uplink: DevVersionAns, 9 + 13 bytes. */
const LONGEST_ANSWER_PHY_BYTES = 22;
/** Largest random addition to a device's answer delay, µs. */
export const ANSWER_JITTER_US = 1_000_000;

/** Campaign timer types (low byte of the event's `a`). */
export const Timer = { deviceSend: 1, deviceTimer: 2, mailCheck: 3, poll: 4, phase: 5, serverTimer: 6 } as const;

/** What the campaign's flows do with the exchanges. */
export interface ExchangeFlows {
  /** device d received downlink `code` */
  deviceReceived(d: number, code: number, arg: number, atUs: number): void;
  /** the server heard uplink `code` of device d */
  serverHeard(d: number, code: number, gateway: number, endUs: number): void;
  /** the server stops asking device d (`attempts`: requests the gateway sent) */
  serverGaveUp(d: number, code: number, attempts: number): void;
  /** a fragment for device d to send in this window, or 0 */
  streamNext(d: number): number;
  /** the fragment from streamNext went out (sent) or stays for the next window */
  streamDone(d: number, n: number, sent: boolean, delivered: boolean, atUs: number): void;
  deviceTimer(d: number, kind: number): void;
  serverTimer(d: number, kind: number): void;
  phaseTimer(sub: number, arg: number): void;
  /** whether the campaign has work for device d (a device without traffic polls then) */
  wantsUplink(d: number): boolean;
  /** device d's uplink `code` went on the air; it ends at endUs */
  deviceSent(d: number, code: number, endUs: number): void;
}

export class Exchange {
  readonly mailCode: Uint8Array;
  readonly mailArg: Int32Array;
  readonly mailAttempts: Uint8Array;
  private readonly mailSentUs: Float64Array;
  private readonly mailQueuedUs: Float64Array;
  private readonly mailGen: Int32Array;
  readonly lastHeardUs: Float64Array;
  private readonly oneCode: Uint8Array;
  private readonly oneArg: Int32Array;
  /** the downlink in the windows now: 1 mailbox, 2 one-shot, 3 stream; 0 none */
  private readonly inflight: Uint8Array;
  private readonly inflightCode: Uint8Array;
  private readonly inflightArg: Int32Array;
  private readonly devTimerGen: Int32Array;
  private readonly devTimerKind: Uint8Array;
  private readonly srvTimerGen: Int32Array;
  private readonly srvTimerKind: Uint8Array;
  /** 1 bit: a device timer is armed; 2 bit: a server timer is armed */
  private readonly timerLive: Uint8Array;
  private readonly draws: Uint32Array;
  /** per device: earliest start of its next campaign uplink under its duty cycle, µs */
  readonly txAllowedUs: Float64Array;
  private readonly uplinkOwner: number;
  private readonly downlinkOwner: number;
  private readonly maxAttempts: number;
  readonly intervalUs: number;
  private readonly answerDelayUs: number;
  private readonly uplinkDutyCycle: number;
  /**
   * work still to come, for the campaign's end: requests in mailboxes, device sends scheduled, campaign
   * uplinks on the air, armed device/server timers, phase timers (superseded timers do not count)
   */
  mailCount = 0;
  pendingSends = 0;
  uplinksInFlight = 0;
  liveTimers = 0;
  pendingPhaseTimers = 0;
  pollsStopped = false;
  /** requests given up: every attempt unanswered / the device silent */
  gaveUpExhausted = 0;
  gaveUpSilent = 0;
  flows: ExchangeFlows | null = null;

  constructor(
    private readonly ctx: RunContext,
    private readonly medium: UplinkMedium,
    private readonly classA: ClassADownlinks,
  ) {
    const { s, fleet } = ctx.world;
    const n = fleet.count;
    this.mailCode = new Uint8Array(n);
    this.mailArg = new Int32Array(n);
    this.mailAttempts = new Uint8Array(n);
    this.mailSentUs = new Float64Array(n).fill(NaN);
    this.mailQueuedUs = new Float64Array(n);
    this.mailGen = new Int32Array(n);
    this.lastHeardUs = new Float64Array(n).fill(-Infinity);
    this.oneCode = new Uint8Array(n);
    this.oneArg = new Int32Array(n);
    this.inflight = new Uint8Array(n);
    this.inflightCode = new Uint8Array(n);
    this.inflightArg = new Int32Array(n);
    this.devTimerGen = new Int32Array(n);
    this.devTimerKind = new Uint8Array(n);
    this.srvTimerGen = new Int32Array(n);
    this.srvTimerKind = new Uint8Array(n);
    this.timerLive = new Uint8Array(n);
    this.draws = new Uint32Array(n);
    this.txAllowedUs = new Float64Array(n);
    this.maxAttempts = s.setup.maxRetries + 1;
    this.intervalUs = (s.traffic.uplinkIntervalS > 0 ? s.traffic.uplinkIntervalS : POLL_INTERVAL_S) * 1e6;
    this.answerDelayUs = s.setup.answerDelayS * 1e6;
    const { region } = ctx.world;
    this.uplinkDutyCycle = Math.min(1, region.subBandOf(region.defaultUplinkChannelsHz[0])?.dutyCycle ?? 1);
    this.uplinkOwner = medium.register((d, code, g, endUs) => this.onUplinkEnd(d, code, g, endUs));
    this.downlinkOwner = classA.register((d, _arg, delivered, atUs, sent) => this.onDownlinkEnd(d, delivered, atUs, sent));
    medium.heardHook = (d, g, endUs, freqHz) => this.heard(d, g, endUs, freqHz);
  }

  private get f(): ExchangeFlows {
    return this.flows!;
  }

  /**
   * Time the server waits for an answer before it may retry, µs: the answer delay and jitter, the
   * device's silence after its last uplink (airtime / duty cycle of its uplink sub-band), RX2, 1 s.
   */
  answerTimeoutUs(d: number): number {
    return this.answerDelayUs + ANSWER_JITTER_US + this.medium.airtimeUs(d, LONGEST_ANSWER_PHY_BYTES) / this.uplinkDutyCycle + RX2_DELAY_US + 1_000_000;
  }

  private spanUs(d: number): number {
    return this.maxAttempts * this.intervalUs + this.answerTimeoutUs(d);
  }

  // ---- server side

  /** Queues request `code` for device d (replacing any other). */
  request(d: number, code: number, arg = 0): void {
    if (this.mailCode[d] === 0) this.mailCount++;
    this.mailCode[d] = code;
    this.mailArg[d] = arg;
    this.mailAttempts[d] = 0;
    this.mailSentUs[d] = NaN;
    this.mailQueuedUs[d] = this.ctx.kernel.now;
    const gen = ++this.mailGen[d] & 0xffffff;
    this.timer(this.ctx.kernel.now + this.spanUs(d), Timer.mailCheck, gen, d);
  }

  /** The device shows it did not get the queued request: send it in the coming windows. */
  retryNow(d: number): void {
    if (this.mailCode[d] !== 0) this.mailSentUs[d] = NaN;
  }

  /** Treats the queued request as just sent (the device is busy answering it in another way). */
  rearm(d: number): void {
    if (this.mailCode[d] !== 0) this.mailSentUs[d] = this.ctx.kernel.now;
  }

  clearMail(d: number): void {
    if (this.mailCode[d] === 0) return;
    this.mailCode[d] = 0;
    this.mailCount--;
    this.mailGen[d]++;
  }

  /** An answer for the windows of the uplink being handled (e.g. AppTimeAns). */
  oneShot(d: number, code: number, arg = 0): void {
    this.oneCode[d] = code;
    this.oneArg[d] = arg;
  }

  private heard(d: number, g: number, endUs: number, freqHz: number): void {
    this.lastHeardUs[d] = endUs;
    if (this.inflight[d] !== 0) return; // the windows of an earlier uplink are still open
    const { s } = this.ctx.world;
    let code = 0;
    let arg = 0;
    let source = 0;
    if (this.oneCode[d] !== 0) {
      code = this.oneCode[d];
      arg = this.oneArg[d];
      this.oneCode[d] = 0;
      source = 2;
    } else if (this.mailCode[d] !== 0 && this.mailAttempts[d] < this.maxAttempts && !(endUs < this.mailSentUs[d] + this.answerTimeoutUs(d))) {
      code = this.mailCode[d];
      arg = this.mailArg[d];
      this.mailSentUs[d] = endUs; // tentative: reset when the gateway could not send
      source = 1;
    } else {
      arg = this.f.streamNext(d);
      if (arg > 0) {
        code = Msg.DataFragment;
        source = 3;
      }
    }
    if (source === 0) return;
    this.inflight[d] = source;
    this.inflightCode[d] = code;
    this.inflightArg[d] = arg;
    const repair = code === Msg.DataFragment && this.isRepair(arg);
    this.classA.answer(d, g, endUs, freqHz, msgPhyBytes(code, s), msgKind(code, repair), this.downlinkOwner);
  }

  /** Set by the campaign: whether fragment N is beyond the session's M + R. */
  isRepair: (n: number) => boolean = () => false;

  private onDownlinkEnd(d: number, delivered: boolean, atUs: number, sent: boolean): void {
    const source = this.inflight[d];
    const code = this.inflightCode[d];
    const arg = this.inflightArg[d];
    this.inflight[d] = 0;
    if (source === 1 && this.mailCode[d] === code) {
      if (sent) {
        this.mailAttempts[d]++;
        if (this.mailAttempts[d] >= this.maxAttempts) this.timer(atUs + this.answerTimeoutUs(d), Timer.mailCheck, this.mailGen[d] & 0xffffff, d);
      } else {
        this.mailSentUs[d] = NaN;
      }
    } else if (source === 3) {
      this.f.streamDone(d, arg, sent, delivered, atUs);
    }
    if (delivered) this.f.deviceReceived(d, code, arg, atUs);
  }

  /** Timer.mailCheck: give up after the last attempt, or when the device went silent. */
  onMailCheck(d: number, gen: number): void {
    if (gen !== (this.mailGen[d] & 0xffffff) || this.mailCode[d] === 0) return;
    const now = this.ctx.kernel.now;
    const timeout = this.answerTimeoutUs(d);
    const exhausted = this.mailAttempts[d] >= this.maxAttempts && now >= this.mailSentUs[d] + timeout;
    const silentSinceUs = Math.max(this.lastHeardUs[d], this.mailQueuedUs[d]);
    if (exhausted || now >= silentSinceUs + this.spanUs(d)) {
      if (exhausted) this.gaveUpExhausted++;
      else this.gaveUpSilent++;
      const code = this.mailCode[d];
      const attempts = this.mailAttempts[d];
      this.clearMail(d);
      this.f.serverGaveUp(d, code, attempts);
      return;
    }
    this.timer(silentSinceUs + this.spanUs(d), Timer.mailCheck, gen, d);
  }

  /** Whether nothing of the campaign's exchanges is still to happen. */
  get quiet(): boolean {
    return this.mailCount === 0 && this.pendingSends === 0 && this.uplinksInFlight === 0 && this.liveTimers === 0 && this.pendingPhaseTimers === 0;
  }

  private onUplinkEnd(d: number, code: number, g: number, endUs: number): void {
    this.uplinksInFlight--;
    if (g < 0) return;
    if (this.mailCode[d] !== 0 && EXPECTED_ANSWER[this.mailCode[d]] === code) this.clearMail(d);
    this.f.serverHeard(d, code, g, endUs);
  }

  // ---- device side

  /** Device d sends uplink `code` after `delayUs` plus jitter, when its duty cycle allows. */
  deviceSend(d: number, code: number, delayUs = this.answerDelayUs, jitterUs = true): void {
    const { s } = this.ctx.world;
    const jitter = jitterUs ? Math.floor(this.deviceUniform(d) * ANSWER_JITTER_US) : 0;
    this.pendingSends++;
    this.timer(this.ctx.kernel.now + delayUs + jitter, Timer.deviceSend, code, d);
  }

  private onDeviceSend(d: number, code: number): void {
    const now = this.ctx.kernel.now;
    if (now < this.txAllowedUs[d]) {
      this.timer(this.txAllowedUs[d], Timer.deviceSend, code, d);
      return;
    }
    this.pendingSends--;
    const endUs = this.sendUplink(d, code);
    this.f.deviceSent(d, code, endUs);
  }

  /** Device d transmits campaign uplink `code` now; returns its end, µs. */
  private sendUplink(d: number, code: number): number {
    const now = this.ctx.kernel.now;
    const phyBytes = msgPhyBytes(code, this.ctx.world.s);
    const airUs = this.medium.airtimeUs(d, phyBytes);
    this.uplinksInFlight++;
    const freqHz = this.medium.send(d, phyBytes, msgKind(code), this.uplinkOwner, code);
    const dc = this.ctx.world.region.subBandOf(freqHz)?.dutyCycle ?? 1;
    this.txAllowedUs[d] = now + airUs / Math.min(1, dc);
    return now + airUs;
  }

  /** A device-side timer: `deviceTimer(d, kind)` at atUs; it replaces the device's armed timer. */
  deviceTimer(d: number, kind: number, atUs: number): void {
    this.devTimerKind[d] = kind;
    this.arm(d, 1);
    this.timer(atUs, Timer.deviceTimer, ++this.devTimerGen[d] & 0xffffff, d);
  }

  cancelDeviceTimer(d: number): void {
    this.devTimerGen[d]++;
    this.disarm(d, 1);
  }

  /** A server-side timer for device d, same rule. */
  serverTimer(d: number, kind: number, atUs: number): void {
    this.srvTimerKind[d] = kind;
    this.arm(d, 2);
    this.timer(atUs, Timer.serverTimer, ++this.srvTimerGen[d] & 0xffffff, d);
  }

  private arm(d: number, bit: number): void {
    if ((this.timerLive[d] & bit) === 0) this.liveTimers++;
    this.timerLive[d] |= bit;
  }

  private disarm(d: number, bit: number): void {
    if ((this.timerLive[d] & bit) !== 0) this.liveTimers--;
    this.timerLive[d] &= ~bit;
  }

  /** A campaign phase timer; `counted`: the campaign cannot end before it fires. */
  phaseTimer(sub: number, arg: number, atUs: number, counted = true): void {
    if (counted) this.pendingPhaseTimers++;
    this.timer(atUs, Timer.phase, sub | (counted ? 0x80 : 0), arg, Priority.late);
  }

  /** A uniform in (0, 1) for device d's own random choices (answer delays, retry times). */
  deviceUniform(d: number): number {
    return uniform(this.ctx.world.s.seed, Purpose.answerDelay, d, this.draws[d]++);
  }

  /** Polls for devices without background traffic, from `fromUs`. */
  startPolls(fromUs: number): void {
    const { s, fleet } = this.ctx.world;
    if (s.traffic.uplinkIntervalS > 0) return;
    for (let d = 0; d < fleet.count; d++) {
      this.ctx.kernel.at(fromUs + Math.floor(uniform(s.seed, Purpose.uplinkPhase, d, 0x40000000) * this.intervalUs), Ev.campaign, Timer.poll, d);
    }
  }

  private timer(atUs: number, type: number, x: number, b: number, priority: number = Priority.normal): void {
    this.ctx.kernel.at(Math.max(atUs, this.ctx.kernel.now), Ev.campaign, type | (x << 8), b, priority);
  }

  /** Ev.campaign dispatch. */
  onEvent(a: number, b: number): void {
    const type = a & 0xff;
    const x = a >>> 8;
    if (type === Timer.poll) {
      if (this.pollsStopped) return;
      if (this.f.wantsUplink(b) && this.ctx.kernel.now >= this.txAllowedUs[b]) this.sendUplink(b, Msg.EmptyUplink);
      this.ctx.kernel.after(this.intervalUs, Ev.campaign, Timer.poll, b);
      return;
    }
    switch (type) {
      case Timer.deviceSend: return this.onDeviceSend(b, x);
      case Timer.deviceTimer:
        if (x !== (this.devTimerGen[b] & 0xffffff)) return;
        this.disarm(b, 1);
        return this.f.deviceTimer(b, this.devTimerKind[b]);
      case Timer.serverTimer:
        if (x !== (this.srvTimerGen[b] & 0xffffff)) return;
        this.disarm(b, 2);
        return this.f.serverTimer(b, this.srvTimerKind[b]);
      case Timer.mailCheck: return this.onMailCheck(b, x);
      case Timer.phase:
        if (x & 0x80) this.pendingPhaseTimers--;
        return this.f.phaseTimer(x & 0x7f, b);
    }
  }
}
