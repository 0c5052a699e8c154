/**
 * The whole campaign as the server runs it, phase by phase (docs/models/campaign.md):
 * setup (setup.ts, or `instant`) → multicast session (session.ts: fragments, then status and repair
 * rounds, status.ts) or unicast fragments (unicast.ts) → each device's report, reboot and version
 * check (apply.ts). This class routes the class A exchanges to the flows, runs the phase timers and
 * decides when the campaign is over: every device's final status known and nothing left to send.
 */
import type { FirmwarePackage } from '../../fuota/image/package.js';
import type { FragmentPlan } from '../../fuota/ts004/sizing.js';
import type { ClassADownlinks } from '../classa-downlink.js';
import type { RunContext } from '../context.js';
import type { UplinkMedium } from '../uplinks.js';
import { ApplyFlow } from './apply.js';
import { DeviceClocks } from './clock.js';
import { CampaignCore } from './core.js';
import { DeviceSessions } from './devices.js';
import { Exchange, type ExchangeFlows } from './exchange.js';
import { ImageCheck } from './image-check.js';
import { Msg } from './messages.js';
import { MulticastSession } from './session.js';
import { ChirpStackSteps } from './chirpstack.js';
import { chirpstackSessionTimeUs, earliestSessionStartUs, type Booking } from './session-time.js';
import { SetupFlow } from './setup.js';
import { CampaignState, Srv } from './state.js';
import { EVALUATE_STATUS, StatusRounds } from './status.js';
import { UnicastFlow } from './unicast.js';

const SESSION_START = 2;
const BEACON_PREROLL = 3;
const SESSION_END = 4;
const QUEUE_IDLE = 5;
const CHIRPSTACK_STEP = 6;

export class Campaign implements ExchangeFlows {
  readonly core: CampaignCore;
  readonly ex: Exchange;
  readonly setup: SetupFlow;
  readonly apply: ApplyFlow;
  readonly unicast: UnicastFlow;
  readonly session: MulticastSession | null;
  readonly devices: DeviceSessions;
  status: StatusRounds | null = null;
  readonly steps: ChirpStackSteps | null;
  private setupLeft: number;
  private multicastOver: boolean;
  /** campaign end, µs; NaN while it runs */
  endUs = NaN;
  /** end of the first M + R fragments' distribution, µs */
  distributionEndUs = NaN;
  #booking: Booking;

  constructor(
    ctx: RunContext,
    medium: UplinkMedium,
    classA: ClassADownlinks,
    plan: FragmentPlan,
    pkg: FirmwarePackage,
    /** how SessionTime is fixed (session-time.ts); a probe runs setup alone */
    booking: Booking,
  ) {
    this.#booking = booking;
    const n = ctx.world.fleet.count;
    this.ex = new Exchange(ctx, medium, classA);
    this.ex.flows = this;
    const st = new CampaignState(n);
    this.core = new CampaignCore(ctx, st, this.ex, new DeviceClocks(ctx.world.s, n));
    this.core.plannedLastN = plan.nbFrag + plan.codedCount;
    this.core.nextRepairN = this.core.plannedLastN + 1;
    this.ex.isRepair = (fragN) => fragN > this.core.plannedLastN;
    this.devices = new DeviceSessions(this.core, plan, pkg, new ImageCheck(ctx.world.s, pkg), (d, outcome) => this.apply.finished(d, outcome));
    this.apply = new ApplyFlow(this.core);
    this.unicast = new UnicastFlow(this.core, { feed: (d, fragN, at) => this.devices.feedUnicast(d, fragN, at), missing: (d) => this.devices.missing(d) });
    this.setup = new SetupFlow(this.core, {
      finished: (d) => this.setupFinished(d),
      fragSessionReady: (d) => this.unicast.startBatch(d, 1, this.core.plannedLastN, 1 + ctx.world.s.completion.repairRounds),
    });
    this.steps = this.setup.stepped && ctx.world.s.setup.mode === 'classA' ? new ChirpStackSteps(this.core, {
      out: (d) => this.setup.out(d),
      fixSession: (startUs) => this.fixSessionTime(chirpstackSessionTimeUs(ctx.world.s, ctx.gpsEpochUs, startUs), startUs),
      abandon: () => this.abandonSession(),
      runAt: (atUs) => this.ex.timers.phaseTimer(CHIRPSTACK_STEP, 0, atUs),
    }) : null;
    this.session = this.core.multicast ? new MulticastSession(this.core, {
      members: (members) => this.devices.build(members),
      decoded: (d, at) => this.devices.decoded(d, at),
      statusHeard: (d) => this.status?.heardRequest(d),
      frameDone: (fragN, endUs) => this.frameDone(fragN, endUs),
    }) : null;
    this.setupLeft = n;
    this.multicastOver = !this.core.multicast;
  }

  private get ctx(): RunContext {
    return this.core.ctx;
  }

  /** At the campaign start. */
  start(): void {
    const { ctx, core } = this;
    this.ex.device.startPolls(ctx.campaignStartUs);
    if (ctx.world.s.setup.mode === 'instant') {
      this.setup.instant();
      this.setupLeft = 0;
      if (!core.multicast) {
        this.devices.build(null);
        for (let d = 0; d < core.st.count; d++) if (core.st.srvStep[d] === Srv.unicast) this.unicast.startBatch(d, 1, core.plannedLastN, 1 + core.s.completion.repairRounds);
      } else this.fixSessionTime(this.instantSessionStartUs());
      return this.checkDone();
    }
    if (!core.multicast) this.devices.build(null);
    else if (this.booking.kind === 'fixed') this.fixSessionTime(this.booking.startUs);
    else if (this.booking.kind === 'probe') core.sessionStartUs = Infinity; // every session request is for a time to come
    this.setup.start();
    this.steps?.start();
  }

  /** How SessionTime is fixed in this pass (a probe that went on with `rebook` is fixed from then). */
  get booking(): Booking {
    return this.#booking;
  }

  /**
   * A setup probe that ended with setup (every device set up or out) goes on as the pass booked at
   * `startUs`, a time after its end: the session is fixed now, as a fixed booking fixes it at the
   * campaign start. Until `startUs` the two passes do the same (session-time.ts): a session request
   * carries SessionTime but has the same size whatever it says, a device accepts it for any time to
   * come, and the session's timers are the only events of their priority before it (queue order).
   */
  rebook(startUs: number): void {
    if (this.#booking.kind !== 'probe' || Number.isNaN(this.endUs) || !(startUs > this.core.now)) {
      throw new Error(`internal: rebook at ${startUs} µs needs a probe that ended with setup before it (now ${this.core.now} µs)`);
    }
    this.#booking = { kind: 'fixed', startUs };
    this.endUs = NaN;
    this.fixSessionTime(startUs);
  }

  /** Instant setup: the booked time, else the campaign start (ChirpStack: its steps take no time, then its lead). */
  private instantSessionStartUs(): number {
    const { ctx } = this;
    if (this.booking.kind === 'fixed') return this.booking.startUs;
    if (this.booking.kind === 'chirpstack') {
      const startUs = ctx.campaignStartUs + (ctx.world.s.setup.maxRetries + 1) * this.ex.intervalUs;
      return chirpstackSessionTimeUs(ctx.world.s, ctx.gpsEpochUs, startUs);
    }
    return earliestSessionStartUs(ctx.world.s, ctx.gpsEpochUs, ctx.campaignStartUs);
  }

  private setupFinished(d: number): void {
    this.core.st.setupEndUs[d] = this.core.now;
    if (--this.setupLeft === 0) this.checkDone();
  }

  /** SessionTime `startUs`; the fragments are released from `releaseUs` (ChirpStack class B enqueues after SessionTime). */
  private fixSessionTime(startUs: number, releaseUs = startUs): void {
    const { ctx, core } = this;
    core.sessionStartUs = Math.max(startUs, core.now);
    core.releaseUs = Math.max(releaseUs, core.sessionStartUs);
    ctx.sessionStartUs = core.sessionStartUs;
    ctx.sessionEndUs = core.sessionStartUs + core.s.multicastGroup.sessionTimeoutS * 1e6;
    if (this.session!.classB) this.ex.timers.phaseTimer(BEACON_PREROLL, 0, Math.max(core.now, ctx.sessionStartUs - 128e6));
    this.ex.timers.phaseTimer(SESSION_START, 0, ctx.sessionStartUs);
    this.ex.timers.phaseTimer(SESSION_END, 0, ctx.sessionEndUs, false);
  }

  /** ChirpStack ended the deployment before a session (no device completed a step): nothing is multicast. */
  private abandonSession(): void {
    this.multicastOver = true;
  }

  /** Whether a session was fixed in this pass. */
  get hasSession(): boolean {
    return Number.isFinite(this.core.sessionStartUs);
  }

  phaseTimer(sub: number, arg: number): void {
    const session = this.session!;
    switch (sub) {
      case EVALUATE_STATUS: return this.status?.evaluate(arg);
      case BEACON_PREROLL: return session.preroll();
      case SESSION_START: {
        if (this.core.s.setup.mode === 'classA') this.setup.sessionStarted();
        const classA = this.core.s.setup.mode === 'classA';
        // fleet.clockErrorUs is positive for a late clock; DeviceClocks' error is positive for one ahead
        session.start((d) => (classA ? -this.core.clocks.errorAtUs(d, this.core.sessionStartUs) : this.ctx.world.fleet.clockErrorUs[d]));
        this.status = new StatusRounds(this.core, session.distribution!, this.unicast, (d) => this.devices.missing(d), () => this.multicastRoundsOver());
        if (this.core.plannedLastN === 0 || this.ctx.members.length === 0) this.status.finish();
        return;
      }
      case CHIRPSTACK_STEP: return this.steps!.run();
      case QUEUE_IDLE:
        if (!session.distribution!.idle) return;
        if (Number.isNaN(this.distributionEndUs)) this.distributionEndUs = session.distribution!.lastFrameEndUs;
        return this.status?.idle();
      case SESSION_END:
        this.status?.finish();
        this.multicastOver = true;
        return;
    }
  }

  private frameDone(fragN: number, endUs: number): void {
    if (fragN === 0) this.status?.statusFrameEnded(endUs);
    if (this.session!.distribution!.idle) this.ex.timers.phaseTimer(QUEUE_IDLE, 0, endUs);
  }

  /** No more multicast rounds: the multicast part ends now, or at the session end if members still listen. */
  private multicastRoundsOver(): void {
    if (!this.session!.anyListening(this.core.now)) this.multicastOver = true;
  }

  /** Stops the run once every device's status is final and nothing is left to send. */
  checkDone(): void {
    if (!Number.isNaN(this.endUs) || this.setupLeft > 0) return;
    // a probe ends with setup; nothing else was going to happen in it
    if (this.booking.kind !== 'probe' && (!this.multicastOver || this.unicast.active > 0 || !this.ex.quiet)) return;
    this.endUs = this.core.now;
    this.ctx.kernel.stop();
  }

  // ---- ExchangeFlows routing

  deviceReceived(d: number, code: number, arg: number, atUs: number): void {
    if (this.apply.received(d, code, arg)) return;
    if (this.unicast.received(d, code, arg, atUs)) return;
    this.setup.received(d, code, arg);
  }

  serverHeard(d: number, code: number, _g: number, endUs: number): void {
    if (code === Msg.CompletionReport && this.unicast.isActive(d)) {
      this.ex.clearMail(d);
      this.unicast.leave(d, false);
    }
    if (code === Msg.FragSessionStatusAns) {
      if (this.unicast.isActive(d)) this.unicast.heardStatus(d);
      else this.status?.heardAnswer(d);
      return;
    }
    if (this.apply.heard(d, code)) return;
    this.setup.heard(d, code, endUs);
  }

  serverGaveUp(d: number, code: number): void {
    if (this.apply.gaveUp(d, code)) return;
    if (this.unicast.gaveUp(d, code)) return;
    this.setup.gaveUp(d);
  }

  streamNext(d: number): number {
    return this.unicast.streamNext(d);
  }

  streamDone(d: number, fragN: number, sent: boolean, _delivered: boolean, atUs: number): void {
    this.unicast.streamDone(d, fragN, sent, atUs);
  }

  deviceTimer(d: number, kind: number): void {
    if (!this.setup.deviceTimer(d, kind)) this.apply.deviceTimer(d, kind);
  }

  serverTimer(d: number, kind: number): void {
    if (!this.setup.serverTimer(d, kind) && !this.unicast.serverTimer(d, kind)) this.apply.serverTimer(d, kind);
  }

  deviceSent(d: number, code: number, endUs: number): void {
    this.setup.deviceSent(d, code, endUs);
    this.apply.deviceSent(d, code, endUs);
  }

  wantsUplink(d: number): boolean {
    return this.ex.mailCode[d] !== 0 || this.unicast.isActive(d);
  }
}
