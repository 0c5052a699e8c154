/**
 * The setup phase over class A (setup.mode 'classA'), server and device sides.
 *
 * Per device, each request in the windows of an uplink, each answer an uplink that opens the next
 * windows: PackageVersionReq/Ans → McGroupSetupReq/Ans (TS005; multicast only) →
 * FragSessionSetupReq/Ans (TS004) → clock synchronisation (TS003: ForceDeviceResyncReq, then the
 * device's AppTimeReq answered by AppTimeAns until |TimeCorrection| ≤ clockSyncToleranceS; multicast
 * only) → McClassC/BSessionReq/Ans once the SessionTime is fixed (multicast only).
 *
 * Outcomes (server view): a device set up; a FragSessionSetupAns error bit → its AWS status; no
 * PackageVersionAns after every attempt → Package_Not_Supported; anything else given up, or not
 * done by SessionTime → `Initial` (the session never started for it). A device joins the session
 * when it receives the session request, whether or not the server hears its answer.
 */
import { Purpose, uniform } from '../../engine/rng.js';
import { STATUS_INDEX } from '../world.js';
import type { CampaignCore } from './core.js';
import { Msg } from './messages.js';
import { DevFlag, Srv } from './state.js';

/** Device timer kinds of this flow. */
const SYNC_WAIT = 1;
/** Wait after an AppTimeReq for the AppTimeAns (RX2 closes 2 s after the uplink), µs. */
const SYNC_WAIT_US = 3_000_000;

export interface SetupHooks {
  /** device d left setup (set up, failed or given up) */
  finished(d: number): void;
  /** device d is synchronised (or out): it waits for the session time */
  ready(d: number): void;
  /** unicast mode: device d accepted the fragmentation session */
  fragSessionReady(d: number): void;
}

export class SetupFlow {
  private readonly tolS: number;
  private readonly maxSyncTries: number;

  constructor(
    private readonly c: CampaignCore,
    private readonly hooks: SetupHooks,
  ) {
    this.tolS = c.s.setup.clockSyncToleranceS;
    this.maxSyncTries = c.s.setup.maxRetries + 2;
  }

  /** Every device starts with PackageVersionReq at its next uplink. */
  start(): void {
    for (let d = 0; d < this.c.st.count; d++) {
      this.c.st.srvStep[d] = Srv.packageVersion;
      this.c.ex.request(d, Msg.PackageVersionReq);
    }
  }

  /** The session time is known: ready devices get their session request. */
  sessionTimeFixed(): void {
    const { st, ex } = this.c;
    for (let d = 0; d < st.count; d++) {
      if (st.srvStep[d] !== Srv.ready) continue;
      st.srvStep[d] = Srv.sessionRequest;
      ex.request(d, Msg.McSessionReq);
    }
  }

  /** SessionTime: the server stops setting up the devices that are not set up yet. */
  sessionStarted(): void {
    const { st, ex } = this.c;
    for (let d = 0; d < st.count; d++) {
      const step = st.srvStep[d];
      if (step === Srv.idle || step >= Srv.setUp) continue;
      ex.clearMail(d);
      this.out(d, step < Srv.ready);
    }
  }

  private out(d: number, wasBeforeReady: boolean): void {
    this.c.st.srvStep[d] = Srv.out;
    if (wasBeforeReady) this.hooks.ready(d);
    this.hooks.finished(d);
  }

  // ---- server

  heard(d: number, code: number, endUs: number): void {
    const { st, ex, multicast } = this.c;
    const step = st.srvStep[d];
    switch (code) {
      case Msg.PackageVersionAns:
        if (step !== Srv.packageVersion) return;
        st.srvStep[d] = multicast ? Srv.mcGroupSetup : Srv.fragSessionSetup;
        return ex.request(d, multicast ? Msg.McGroupSetupReq : Msg.FragSessionSetupReq);
      case Msg.McGroupSetupAns:
        if (step !== Srv.mcGroupSetup) return;
        st.srvStep[d] = Srv.fragSessionSetup;
        return ex.request(d, Msg.FragSessionSetupReq);
      case Msg.FragSessionSetupAns: {
        if (step !== Srv.fragSessionSetup) return;
        const failure = this.c.setupFailure(d);
        if (failure) {
          this.c.finalStatus(d, failure);
          return this.out(d, true);
        }
        if (!multicast) {
          st.srvStep[d] = Srv.unicast;
          this.hooks.ready(d);
          this.hooks.finished(d);
          return this.hooks.fragSessionReady(d);
        }
        st.srvStep[d] = Srv.clockSync;
        return ex.request(d, Msg.ForceDeviceResyncReq);
      }
      case Msg.AppTimeReq: {
        const corr = this.c.clocks.correctionS(d, endUs, this.c.ctx.gpsEpochUs);
        ex.oneShot(d, Msg.AppTimeAns, corr);
        if (step !== Srv.clockSync) return;
        if (Math.abs(corr) > this.tolS) return ex.rearm(d); // the device asks again by itself
        ex.clearMail(d);
        st.srvStep[d] = Srv.ready;
        this.hooks.ready(d); // may fix the session time, which asks every ready device
        if (st.srvStep[d] === Srv.ready && !Number.isNaN(this.c.sessionStartUs)) this.sessionTimeFixedFor(d);
        return;
      }
      case Msg.McSessionAns:
        if (step !== Srv.sessionRequest) return;
        st.srvStep[d] = Srv.setUp;
        return this.hooks.finished(d);
    }
  }

  private sessionTimeFixedFor(d: number): void {
    this.c.st.srvStep[d] = Srv.sessionRequest;
    this.c.ex.request(d, Msg.McSessionReq);
  }

  gaveUp(d: number, code: number, attempts: number): void {
    const step = this.c.st.srvStep[d];
    if (step === Srv.idle || step >= Srv.setUp) return;
    // no PackageVersionAns to any request the device received: AWS reads it as no FUOTA package
    if (code === Msg.PackageVersionReq && attempts > 0) this.c.finalStatus(d, 'Package_Not_Supported');
    this.out(d, step < Srv.ready);
  }

  // ---- device

  received(d: number, code: number, arg: number): void {
    const { ex, st, clocks } = this.c;
    switch (code) {
      case Msg.PackageVersionReq:
        if (!this.c.hasRole(d, 'Package_Not_Supported')) ex.device.send(d, Msg.PackageVersionAns);
        return;
      case Msg.McGroupSetupReq: return ex.device.send(d, Msg.McGroupSetupAns);
      case Msg.FragSessionSetupReq: return ex.device.send(d, Msg.FragSessionSetupAns);
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
        // the device switches at SessionTime; a request for a time already past is refused (TS005)
        if (this.c.now < this.c.sessionStartUs && this.c.setupFailure(d) === null) {
          st.set(d, DevFlag.joined);
          ex.device.send(d, Msg.McSessionAns);
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
        st.srvStatus[d] = STATUS_INDEX[failure];
        st.srvStep[d] = Srv.out;
        continue;
      }
      st.srvStep[d] = this.c.multicast ? Srv.setUp : Srv.unicast;
      st.set(d, DevFlag.joined | DevFlag.synced);
    }
  }
}
