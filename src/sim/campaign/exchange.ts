/**
 * Class A request/answer exchanges between the server and each device (the devices' side of the
 * uplinks is in device-uplinks.ts).
 *
 * Server side, each device has a mailbox holding at most one request. The request goes out in the
 * RX1/RX2 windows of the next uplink of that device a gateway hears (ClassADownlinks). When the
 * gateway cannot send in either window (radio busy, duty cycle, frame too long for the data rate),
 * the request stays queued and the attempt does not count, as a network server keeps a downlink
 * queued. A request the gateway sent counts as an attempt; if its answer is not heard within the
 * answer timeout, the next uplink carries it again, up to `setup.maxRetries` retries. The server gives
 * up after the last attempt's timeout, or when it has not heard the device for (maxRetries + 1) uplink
 * intervals. One-shot answers (AppTimeAns) take precedence in the window, then the mailbox, then a
 * fragment of the device's unicast stream.
 */
import { RX2_DELAY_US } from '../../lorawan/classa.js';
import { FRAME_OVERHEAD_BYTES } from '../../lorawan/frames.js';
import type { ClassADownlinks } from '../classa-downlink.js';
import type { RunContext } from '../context.js';
import type { UplinkMedium } from '../uplinks.js';
import { ANSWER_JITTER_US, DeviceUplinks } from './device-uplinks.js';
import { EXPECTED_ANSWER, Msg, msgKind, msgPhyBytes } from './messages.js';
import { CampaignTimers, Timer, type TimerTargets } from './timers.js';

/** The longest campaign uplink: DevVersionAns, 9 + 13 bytes. */
const LONGEST_ANSWER_PHY_BYTES = 22;

/** What the campaign's flows do with the exchanges (and the per-device and phase timers). */
export interface ExchangeFlows extends Pick<TimerTargets, 'deviceTimer' | 'serverTimer' | 'phaseTimer'> {
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
  private readonly downlinkOwner: number;
  private readonly maxAttempts: number;
  readonly intervalUs: number;
  private readonly uplinkDutyCycle: number;
  /** requests in mailboxes (the campaign cannot end before they are answered or given up) */
  mailCount = 0;
  readonly timers: CampaignTimers;
  readonly device: DeviceUplinks;
  /** requests given up: every attempt unanswered / the device silent */
  gaveUpExhausted = 0;
  gaveUpSilent = 0;
  flows: ExchangeFlows | null = null;

  constructor(
    private readonly ctx: RunContext,
    readonly medium: UplinkMedium,
    readonly classA: ClassADownlinks,
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
    this.timers = new CampaignTimers(ctx);
    this.maxAttempts = s.setup.maxRetries + 1;
    const { region } = ctx.world;
    this.uplinkDutyCycle = Math.min(1, region.subBandOf(region.defaultUplinkChannelsHz[0])?.dutyCycle ?? 1);
    const owner = medium.register((d, code, g, endUs) => this.onUplinkEnd(d, code, g, endUs));
    this.device = new DeviceUplinks(ctx, medium, this.timers, owner);
    this.device.hooks = { wantsUplink: (d) => this.f.wantsUplink(d), sent: (d, code, endUs) => this.f.deviceSent(d, code, endUs) };
    this.intervalUs = this.device.intervalUs;
    this.downlinkOwner = classA.register((d, _arg, delivered, atUs, sent) => this.onDownlinkEnd(d, delivered, atUs, sent));
    medium.heardHook = (d, g, endUs, freqHz) => this.heard(d, g, endUs, freqHz);
    this.timers.targets = {
      deviceSendDue: (d, code) => this.device.sendDue(d, code),
      mailCheckDue: (d, gen) => this.mailCheckDue(d, gen),
      pollDue: (d) => this.device.pollDue(d),
      deviceTimer: (d, kind) => this.f.deviceTimer(d, kind),
      serverTimer: (d, kind) => this.f.serverTimer(d, kind),
      phaseTimer: (sub, arg) => this.f.phaseTimer(sub, arg),
    };
  }

  private get f(): ExchangeFlows {
    return this.flows!;
  }

  /**
   * Time the server waits for an answer before it may retry, µs: the answer delay and jitter, the
   * device's silence after its last uplink (airtime / duty cycle of its uplink sub-band), RX2, 1 s.
   */
  answerTimeoutUs(d: number): number {
    return this.device.answerDelayUs + ANSWER_JITTER_US + this.medium.airtimeUs(d, LONGEST_ANSWER_PHY_BYTES) / this.uplinkDutyCycle + RX2_DELAY_US + 1_000_000;
  }

  /** Whether message `code` fits the data rate of device d's RX1 or RX2 window. */
  fitsAWindow(d: number, code: number): boolean {
    return this.classA.fitsAWindow(d, msgPhyBytes(code, this.ctx.world.s));
  }

  /** Whether message `code` fits the data rate of both of device d's windows (RX1 at its uplink DR, RX2). */
  fitsBothWindows(d: number, code: number): boolean {
    const { region, s } = this.ctx.world;
    const frm = msgPhyBytes(code, s) - FRAME_OVERHEAD_BYTES;
    return frm <= region.maxFrmPayloadBytes(region.rx1.dr(this.medium.uplinkDr(d), 0)) && frm <= region.maxFrmPayloadBytes(region.rx2.dr);
  }

  /** How long the server waits without hearing a device before it gives up on it, µs. */
  silenceSpanUs(d: number): number {
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
    this.timers.at(this.ctx.kernel.now + this.silenceSpanUs(d), Timer.mailCheck, gen, d);
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
    this.classA.answer(d, g, endUs, freqHz, msgPhyBytes(code, s), msgKind(code, repair), this.downlinkOwner, 0, code, arg);
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
        if (this.mailAttempts[d] >= this.maxAttempts) this.timers.at(atUs + this.answerTimeoutUs(d), Timer.mailCheck, this.mailGen[d] & 0xffffff, d);
      } else {
        this.mailSentUs[d] = NaN;
      }
    } else if (source === 3) {
      this.f.streamDone(d, arg, sent, delivered, atUs);
    }
    if (delivered) this.f.deviceReceived(d, code, arg, atUs);
  }

  /** Timer.mailCheck: give up after the last attempt, or when the device went silent. */
  mailCheckDue(d: number, gen: number): void {
    if (gen !== (this.mailGen[d] & 0xffffff) || this.mailCode[d] === 0) return;
    const now = this.ctx.kernel.now;
    const timeout = this.answerTimeoutUs(d);
    const exhausted = this.mailAttempts[d] >= this.maxAttempts && now >= this.mailSentUs[d] + timeout;
    const silentSinceUs = Math.max(this.lastHeardUs[d], this.mailQueuedUs[d]);
    if (exhausted || now >= silentSinceUs + this.silenceSpanUs(d)) {
      if (exhausted) this.gaveUpExhausted++;
      else this.gaveUpSilent++;
      const code = this.mailCode[d];
      const attempts = this.mailAttempts[d];
      this.clearMail(d);
      this.f.serverGaveUp(d, code, attempts);
      return;
    }
    this.timers.at(silentSinceUs + this.silenceSpanUs(d), Timer.mailCheck, gen, d);
  }

  /** Whether nothing of the campaign's exchanges is still to happen. */
  get quiet(): boolean {
    const t = this.timers;
    return this.mailCount === 0 && this.device.pendingSends === 0 && this.device.inFlight === 0 && t.liveTimers === 0 && t.pendingPhaseTimers === 0;
  }

  private onUplinkEnd(d: number, code: number, g: number, endUs: number): void {
    this.device.ended();
    if (g < 0) return;
    if (this.mailCode[d] !== 0 && EXPECTED_ANSWER[this.mailCode[d]] === code) this.clearMail(d);
    this.f.serverHeard(d, code, g, endUs);
  }
}
