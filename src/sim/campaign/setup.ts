/**
 * The setup phase over class A (setup.mode 'classA'), server and device sides.
 *
 * Server, per device, each request in the windows of an uplink, each answer an uplink that opens the
 * next windows: PackageVersionReq/Ans → McGroupSetupReq/Ans (TS005; multicast only) →
 * FragSessionSetupReq/Ans (TS004) → ForceDeviceResyncReq only when the server has not yet seen the
 * device's clock within the tolerance (TS003; multicast only) → McClassC/BSessionReq/Ans (multicast
 * only), sent as soon as the device is ready whatever SessionTime it carries. With
 * `setup.packCommands` the requests of one package share a frame (PackageVersionReq +
 * FragSessionSetupReq on FPort 201, McGroupSetupReq + McClassC/BSessionReq on FPort 200) when the
 * pair fits both receive windows' data rates; the device answers both in one uplink, as LoRaMac-node's
 * packages do (`LmhpFragmentation.c`, `LmhpRemoteMcastSetup.c`: every command of a frame is
 * processed and the answers go out together). The ChirpStack mode runs its steps instead
 * (chirpstack.ts): the same messages, each step for the whole group.
 *
 * Devices synchronise their clocks by themselves (TS003): a multicast device whose clock is not yet
 * synchronised sends AppTimeReq in its first uplink slot of the campaign and again after each
 * correction larger than the tolerance, as LoRaMac-node's FUOTA application does while
 * `IsClockSynched` is false; ForceDeviceResyncReq restarts that when the server needs it.
 *
 * Outcomes (server view): set up (the session answer heard); a FragSessionSetupAns error bit → its
 * AWS status; a PackageVersionAns naming a package version the server does not run →
 * `Package_Not_Supported`; anything else given up, or not done by SessionTime → `Initial` (the
 * session never started for it; an unanswered PackageVersionReq cannot tell a lost answer from a
 * missing package). A device joins the session when it receives the session request before
 * SessionTime, whether or not the server hears its answer.
 */
import { Purpose, uniform } from '../../engine/rng.js';
import type { CampaignCore } from './core.js';
import { ANSWER_JITTER_US } from './device-uplinks.js';
import { Msg } from './messages.js';
import { DevFlag, Srv } from './state.js';

/** Device timer kinds of this flow. */
const SYNC_WAIT = 1;
/** Wait after an AppTimeReq for the AppTimeAns (RX2 closes 2 s after the uplink), µs. */
const SYNC_WAIT_US = 3_000_000;
/** Purpose.clock draw index of a device's first AppTimeReq slot (1..4 are its clock's offset and drift). */
const FIRST_SYNC_DRAW = 5;
/** Server timer kind: the devices' own synchronisation window is over. */
const CLOCK_WAIT = 30;

export interface SetupHooks {
  /** device d left setup (set up, failed or given up) */
  finished(d: number): void;
  /** unicast mode: device d accepted the fragmentation session */
  fragSessionReady(d: number): void;
}

export class SetupFlow {
  private readonly tolS: number;
  private readonly maxSyncTries: number;
  /** until then a device may still be synchronising by itself (its first uplink interval and retries), µs */
  private readonly ownSyncUntilUs: number;
  /** ChirpStack steps: the next request waits for the group's next step */
  readonly stepped: boolean;
  /** setup.packCommands: requests of one package share a frame */
  private readonly pack: boolean;
  /** devices still in setup when SessionTime came (not set up in time) */
  cutAtSession = 0;

  constructor(
    private readonly c: CampaignCore,
    private readonly hooks: SetupHooks,
  ) {
    this.tolS = c.s.setup.clockSyncToleranceS;
    this.maxSyncTries = c.s.setup.maxRetries + 2;
    this.ownSyncUntilUs = c.ctx.campaignStartUs + c.ex.intervalUs + this.maxSyncTries * (c.ex.device.answerDelayUs + ANSWER_JITTER_US + SYNC_WAIT_US);
    this.stepped = c.multicast && c.s.multicastGroup.sessionStart === 'chirpstack';
    this.pack = c.s.setup.packCommands && !this.stepped;
  }

  /** Every device starts with PackageVersionReq at its next uplink (ChirpStack: its steps start them). */
  start(): void {
    const { st } = this.c;
    if (this.c.multicast) this.startClockSync();
    if (this.stepped) return;
    for (let d = 0; d < st.count; d++) {
      st.srvStep[d] = Srv.packageVersion;
      this.c.ex.request(d, this.packed(d, Msg.FragSetupPacked) ? Msg.FragSetupPacked : Msg.PackageVersionReq);
    }
  }

  /** Whether device d gets the packed request `code` (option on, and it fits both windows). */
  private packed(d: number, code: number): boolean {
    return this.pack && this.c.ex.fitsBothWindows(d, code);
  }

  /** Each device sends its first AppTimeReq at a uniform moment of its first uplink interval. */
  private startClockSync(): void {
    const { st, ex, s } = this.c;
    for (let d = 0; d < st.count; d++) {
      st.set(d, DevFlag.syncing);
      st.devSyncTries[d] = 1;
      ex.device.send(d, Msg.AppTimeReq, Math.floor(uniform(s.seed, Purpose.clock, d, FIRST_SYNC_DRAW) * ex.intervalUs), false);
    }
  }

  /** SessionTime: the server stops setting up the devices that are not set up yet. */
  sessionStarted(): void {
    const { st, ex } = this.c;
    for (let d = 0; d < st.count; d++) {
      const step = st.srvStep[d];
      if (step === Srv.idle || step >= Srv.setUp) continue;
      ex.clearMail(d);
      this.cutAtSession++;
      this.out(d);
    }
  }

  /** Device d leaves setup without being set up (its status stays what the server recorded). */
  out(d: number): void {
    this.c.st.srvStep[d] = Srv.out;
    this.hooks.finished(d);
  }

  /** The server moves device d to `step`; in the chain it asks for it at once, under ChirpStack the step will. */
  advance(d: number, step: number, code: number): void {
    this.c.st.srvStep[d] = step;
    if (!this.stepped) this.c.ex.request(d, code);
  }

  private setUp(d: number): void {
    const { st } = this.c;
    st.srvStep[d] = Srv.setUp;
    st.setUpAtUs[d] = this.c.now;
    this.hooks.finished(d);
  }

  // ---- server

  heard(d: number, code: number, endUs: number): void {
    const { st, ex } = this.c;
    const step = st.srvStep[d];
    switch (code) {
      case Msg.PackageVersionAns:
        if (step !== Srv.packageVersion) return;
        // the answer names the package versions the device runs: one the server does not run ends it
        if (this.c.hasRole(d, 'Package_Not_Supported')) {
          ex.clearMail(d);
          this.c.finalStatus(d, 'Package_Not_Supported');
          return this.out(d);
        }
        return this.c.multicast ? this.toGroupSetup(d) : this.advance(d, Srv.fragSessionSetup, Msg.FragSessionSetupReq);
      case Msg.McGroupSetupAns:
        if (step !== Srv.mcGroupSetup) return;
        return this.advance(d, Srv.fragSessionSetup, Msg.FragSessionSetupReq);
      case Msg.FragSetupPackedAns:
        if (step !== Srv.packageVersion) return;
        return this.fragSessionAnswered(d, true);
      case Msg.FragSessionSetupAns:
        if (step !== Srv.fragSessionSetup) return;
        return this.fragSessionAnswered(d, false);
      case Msg.McSetupPackedAns:
        if (step !== Srv.mcGroupSetup) return;
        st.srvStep[d] = Srv.sessionAccepted;
        return this.clockKnownOk(d) ? this.setUp(d) : this.awaitClock(d);
      case Msg.AppTimeReq:
        return this.appTimeReq(d, step, endUs);
      case Msg.McSessionAns:
        if (step !== Srv.sessionRequest) return;
        return this.setUp(d);
    }
  }

  private clockKnownOk(d: number): boolean {
    return this.c.st.srvClockOk[d] === 1;
  }

  /** After PackageVersionAns (multicast): McGroupSetupReq, packed with the session request when allowed. */
  private toGroupSetup(d: number): void {
    this.advance(d, Srv.mcGroupSetup, this.packed(d, Msg.McSetupPacked) ? Msg.McSetupPacked : Msg.McGroupSetupReq);
  }

  private fragSessionAnswered(d: number, packedWithVersion: boolean): void {
    const failure = this.c.setupFailure(d);
    if (failure) {
      this.c.finalStatus(d, failure);
      return this.out(d);
    }
    if (!this.c.multicast) {
      this.c.st.srvStep[d] = Srv.unicast;
      this.hooks.finished(d);
      return this.hooks.fragSessionReady(d);
    }
    if (packedWithVersion) return this.toGroupSetup(d);
    if (this.stepped) return void (this.c.st.srvStep[d] = Srv.sessionRequest); // ChirpStack never forces a resync
    if (this.clockKnownOk(d)) return this.advance(d, Srv.sessionRequest, Msg.McSessionReq);
    this.awaitClock(d);
  }

  /**
   * The server has not seen device d's clock within the tolerance: while the device may still be
   * synchronising by itself, the server waits; after that it sends ForceDeviceResyncReq.
   */
  private awaitClock(d: number): void {
    const { st, ex } = this.c;
    if (st.srvStep[d] !== Srv.sessionAccepted) st.srvStep[d] = Srv.clockSync;
    if (this.c.now >= this.ownSyncUntilUs) return ex.request(d, Msg.ForceDeviceResyncReq);
    ex.timers.serverTimer(d, CLOCK_WAIT, this.ownSyncUntilUs);
  }

  /** Server timer: the device's own synchronisation window is over and its clock is still unknown. */
  serverTimer(d: number, kind: number): boolean {
    if (kind !== CLOCK_WAIT) return false;
    const step = this.c.st.srvStep[d];
    if ((step === Srv.clockSync || step === Srv.sessionAccepted) && !this.clockKnownOk(d)) this.c.ex.request(d, Msg.ForceDeviceResyncReq);
    return true;
  }

  /** TS003: the server answers every AppTimeReq; a clock within the tolerance lets a waiting device go on. */
  private appTimeReq(d: number, step: number, endUs: number): void {
    const { st, ex } = this.c;
    const corr = this.c.clocks.correctionS(d, endUs, this.c.ctx.gpsEpochUs);
    ex.oneShot(d, Msg.AppTimeAns, corr);
    const ok = Math.abs(corr) <= this.tolS;
    if (ok) st.srvClockOk[d] = 1;
    if (step !== Srv.clockSync && step !== Srv.sessionAccepted) return;
    if (!ok) return ex.rearm(d); // the device asks again by itself
    ex.clearMail(d);
    ex.timers.cancelServerTimer(d);
    if (step === Srv.sessionAccepted) return this.setUp(d);
    this.advance(d, Srv.sessionRequest, Msg.McSessionReq);
  }

  gaveUp(d: number): void {
    const step = this.c.st.srvStep[d];
    // ChirpStack's steps decide alone when a device has timed out
    if (this.stepped || step === Srv.idle || step >= Srv.setUp) return;
    this.out(d);
  }

  // ---- device

  received(d: number, code: number, arg: number): void {
    const { ex, st, clocks } = this.c;
    // a device without the package version the server runs takes none of its commands
    const foreign = this.c.hasRole(d, 'Package_Not_Supported');
    switch (code) {
      case Msg.PackageVersionReq: return ex.device.send(d, Msg.PackageVersionAns);
      case Msg.FragSetupPacked: return ex.device.send(d, foreign ? Msg.PackageVersionAns : Msg.FragSetupPackedAns);
      case Msg.McGroupSetupReq: return foreign ? undefined : ex.device.send(d, Msg.McGroupSetupAns);
      case Msg.FragSessionSetupReq: return foreign ? undefined : ex.device.send(d, Msg.FragSessionSetupAns);
      case Msg.ForceDeviceResyncReq:
        if (st.has(d, DevFlag.syncing)) return;
        st.set(d, DevFlag.syncing);
        st.devSyncTries[d] = 0;
        return this.sendAppTimeReq(d);
      case Msg.AppTimeAns:
        clocks.apply(d, this.c.now, arg);
        if (Math.abs(arg) <= this.tolS) {
          st.clear(d, DevFlag.syncing);
          st.set(d, DevFlag.synced);
          return ex.timers.cancelDeviceTimer(d);
        }
        return this.sendAppTimeReq(d);
      case Msg.McSessionReq:
      case Msg.McSetupPacked:
        if (foreign) return;
        // the device switches at SessionTime; a request for a time already past is refused (TS005)
        if (this.c.now < this.c.sessionStartUs && this.c.setupFailure(d) === null) {
          st.set(d, DevFlag.joined);
          ex.device.send(d, code === Msg.McSessionReq ? Msg.McSessionAns : Msg.McSetupPackedAns);
        }
        return;
    }
  }

  private sendAppTimeReq(d: number): void {
    const { st, ex } = this.c;
    if (st.devSyncTries[d] >= this.maxSyncTries) {
      st.clear(d, DevFlag.syncing);
      return;
    }
    st.devSyncTries[d]++;
    ex.device.send(d, Msg.AppTimeReq);
  }

  /** The device sent an AppTimeReq: it waits for the answer in RX1/RX2. */
  deviceSent(d: number, code: number, endUs: number): void {
    if (code === Msg.AppTimeReq) this.c.ex.timers.deviceTimer(d, SYNC_WAIT, endUs + SYNC_WAIT_US);
  }

  deviceTimer(d: number, kind: number): boolean {
    if (kind !== SYNC_WAIT) return false;
    if (this.c.st.has(d, DevFlag.syncing)) this.sendAppTimeReq(d); // no AppTimeAns: ask again
    return true;
  }

  /** Instant setup: every device without a setup failure is in the session, its clock within ± the tolerance. */
  instant(): void {
    const { st, s } = this.c;
    const { fleet } = this.c.ctx.world;
    const tolUs = s.setup.clockSyncToleranceS * 1e6;
    for (let d = 0; d < st.count; d++) {
      fleet.clockErrorUs[d] = Math.round((2 * uniform(s.seed, Purpose.clock, d, 0) - 1) * tolUs);
      const failure = this.c.setupFailure(d) ?? (this.c.hasRole(d, 'Package_Not_Supported') ? 'Package_Not_Supported' : null);
      st.setupEndUs[d] = this.c.now;
      if (failure) {
        this.c.finalStatus(d, failure);
        st.srvStep[d] = Srv.out;
        continue;
      }
      st.srvStep[d] = this.c.multicast ? Srv.setUp : Srv.unicast;
      if (this.c.multicast) st.setUpAtUs[d] = this.c.now;
      st.set(d, DevFlag.joined | DevFlag.synced);
    }
  }
}
