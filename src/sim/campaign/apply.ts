/**
 * After a device's fragmentation session ends: its report, the reboot and the version check.
 *
 * Device: when it has rebuilt the image and checked it (or failed: memory, MIC, refused version) it
 * reports with a FragSessionStatusAns-sized uplink (`CompletionReport`), and repeats it one uplink
 * interval later until the server acknowledges, at most maxRetries + 1 times.
 * Server: a success report is acknowledged by TS006 DevRebootTimeReq (RebootTime = report +
 * rebootDelayS); the device answers DevRebootTimeAns, reboots at that time and confirms its new
 * version with DevVersionAns; if that is not heard the server asks DevVersionReq at later uplinks.
 * A failure report records the failure status and is acknowledged by FragSessionDeleteReq.
 *
 * Status (server view): `Successful` once DevVersionAns is heard; the failure reported; otherwise
 * `MissingFrag` (no report heard, or the reboot never confirmed).
 */
import type { DeviceStatus } from '../types.js';
import { endListening } from '../listening.js';
import type { CampaignCore } from './core.js';
import { Msg } from './messages.js';
import { DevFlag, Outcome, Srv } from './state.js';

const REPORT_WAIT = 10;
const REBOOT = 11;
const VERSION_WAIT = 12;

const FAILURE_STATUS: Readonly<Record<number, DeviceStatus>> = {
  [Outcome.micError]: 'MICError',
  [Outcome.memoryError]: 'MemoryError',
  [Outcome.refused]: 'Wrong_descriptor',
};

export class ApplyFlow {
  private readonly maxReports: number;
  private readonly rebootDelayUs: number;

  constructor(private readonly c: CampaignCore) {
    this.maxReports = c.s.setup.maxRetries + 1;
    this.rebootDelayUs = c.s.completion.rebootDelayS * 1e6;
  }

  // ---- device

  /** Device d's session is over with `outcome` (Outcome.*). */
  finished(d: number, outcome: number): void {
    const { st } = this.c;
    if (st.has(d, DevFlag.finished)) return;
    st.set(d, DevFlag.finished);
    st.devOutcome[d] = outcome;
    this.report(d);
  }

  /**
   * A multicast member reports with its next regular uplink, uniformly within one uplink interval
   * (the whole group completes on the same fragment: reporting at once would be an uplink storm);
   * a unicast device at once. Repeats come 0.5 to 1.5 uplink intervals after the previous one.
   */
  private report(d: number): void {
    const { st, ex } = this.c;
    if (st.has(d, DevFlag.acked) || st.devReports[d] >= this.maxReports) return;
    const first = st.devReports[d] === 0;
    st.devReports[d]++;
    if (first && this.c.multicast) ex.device.send(d, Msg.CompletionReport, Math.floor(ex.device.uniform(d) * ex.intervalUs), false);
    else ex.device.send(d, Msg.CompletionReport);
  }

  deviceSent(d: number, code: number, endUs: number): void {
    const { st, ex } = this.c;
    if (code === Msg.CompletionReport && !st.has(d, DevFlag.acked)) ex.timers.deviceTimer(d, REPORT_WAIT, endUs + (0.5 + ex.device.uniform(d)) * ex.intervalUs);
  }

  received(d: number, code: number, arg: number): boolean {
    const { st, ex } = this.c;
    switch (code) {
      case Msg.DevRebootTimeReq:
        this.ack(d);
        if (!st.has(d, DevFlag.rebootPlanned)) {
          st.set(d, DevFlag.rebootPlanned);
          st.devRebootAtUs[d] = Math.max(this.c.now, arg * 1e6);
          ex.timers.deviceTimer(d, REBOOT, st.devRebootAtUs[d]);
        }
        ex.device.send(d, Msg.DevRebootTimeAns);
        return true;
      case Msg.FragSessionDeleteReq:
        this.ack(d);
        ex.device.send(d, Msg.FragSessionDeleteAns);
        return true;
      case Msg.DevVersionReq:
        if (st.has(d, DevFlag.rebooted)) ex.device.send(d, Msg.DevVersionAns);
        return true;
    }
    return false;
  }

  private ack(d: number): void {
    const { st, ex } = this.c;
    if (st.has(d, DevFlag.acked)) return;
    st.set(d, DevFlag.acked);
    ex.timers.cancelDeviceTimer(d);
  }

  deviceTimer(d: number, kind: number): boolean {
    if (kind === REPORT_WAIT) {
      this.report(d);
      return true;
    }
    if (kind === REBOOT) {
      this.c.st.set(d, DevFlag.rebooted);
      // the new firmware starts in class A: the reboot ends any multicast listening
      const fleet = this.c.ctx.world.fleet;
      const i = fleet.order.slotOf[d];
      endListening(fleet, i, this.c.now);
      this.c.ex.device.send(d, Msg.DevVersionAns);
      return true;
    }
    return false;
  }

  // ---- server

  heard(d: number, code: number): boolean {
    const { st, ex } = this.c;
    const step = st.srvStep[d];
    switch (code) {
      case Msg.CompletionReport: {
        // a repeated report: the device did not get the acknowledgement, send it again now
        if (step === Srv.reboot || step === Srv.deleting) ex.retryNow(d);
        if (step === Srv.reboot || step === Srv.version || step === Srv.deleting || step === Srv.done) return true;
        this.c.phases.touch('apply', this.c.now);
        const failure = FAILURE_STATUS[st.devOutcome[d]];
        if (failure) {
          this.c.finalStatus(d, failure);
          st.srvStep[d] = Srv.deleting;
          ex.request(d, Msg.FragSessionDeleteReq);
        } else {
          st.srvStep[d] = Srv.reboot;
          const rebootAtS = Math.ceil((this.c.now + this.rebootDelayUs) / 1e6);
          st.srvRebootAtUs[d] = rebootAtS * 1e6;
          ex.request(d, Msg.DevRebootTimeReq, rebootAtS);
        }
        return true;
      }
      case Msg.DevRebootTimeAns:
        if (step === Srv.reboot) {
          st.srvStep[d] = Srv.version;
          ex.timers.serverTimer(d, VERSION_WAIT, Math.max(this.c.now, st.srvRebootAtUs[d]) + ex.answerTimeoutUs(d));
        }
        return true;
      case Msg.DevVersionAns:
        if (step === Srv.reboot || step === Srv.version) {
          ex.clearMail(d);
          this.c.finalStatus(d, 'Successful');
          st.srvStep[d] = Srv.done;
          this.c.phases.touch('apply', this.c.now);
        }
        return true;
      case Msg.FragSessionDeleteAns:
        if (step === Srv.deleting) this.done(d);
        return true;
    }
    return false;
  }

  serverTimer(d: number, kind: number): boolean {
    if (kind !== VERSION_WAIT) return false;
    if (this.c.st.srvStep[d] === Srv.version) this.c.ex.request(d, Msg.DevVersionReq);
    return true;
  }

  gaveUp(d: number, code: number): boolean {
    const step = this.c.st.srvStep[d];
    if (code === Msg.DevRebootTimeReq || code === Msg.DevVersionReq) {
      if (step === Srv.reboot || step === Srv.version) {
        this.c.finalStatus(d, 'MissingFrag'); // the reboot was never confirmed
        this.done(d);
      }
      return true;
    }
    if (code === Msg.FragSessionDeleteReq) {
      if (step === Srv.deleting) this.done(d);
      return true;
    }
    return false;
  }

  private done(d: number): void {
    this.c.st.srvStep[d] = Srv.done;
    this.c.phases.touch('apply', this.c.now);
  }
}
