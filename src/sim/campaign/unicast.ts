/**
 * Fragments to one device over class A (fuotaTask.mode 'unicast', and completion.unicastRepair).
 *
 * The server sends one TS004 DataFragment per downlink opportunity of the device, N in order, with
 * FPending set while more are queued; a device that receives a fragment with FPending answers with an
 * empty uplink (after answerDelayS and its duty cycle), which opens the windows for the next one. A
 * fragment the device misses, or that the gateway cannot send, stalls the chain until the device's
 * next regular uplink: that, and the gateways' duty cycle in RX1/RX2, is what makes unicast slow.
 * After a batch the server asks FragSessionStatusReq (when completion.statusRequest) and sends
 * another batch of coded fragments sized from the answer (MissingFrag + margin), up to the allowed
 * number of batches. A device that reports its image ends the flow (apply.ts).
 */
import type { CampaignCore } from './core.js';
import { Msg } from './messages.js';
import { DevFlag, Srv } from './state.js';

/** TS004 counter limit (14 bits, lorawan-facts 4.4). */
export const MAX_N = 16383;
/** Server timer kind: the device's stream made no progress for too long. */
const STREAM_STALLED = 20;

/** Extra coded fragments on top of a reported deficit: random parity rows are sometimes dependent. */
export function repairCount(missing: number): number {
  return missing + Math.ceil(missing * 0.1) + 2;
}

export interface UnicastHooks {
  /** device d received fragment n (feeds its decoder) */
  feed(d: number, n: number, atUs: number): void;
  /** MissingFrag device d would report now */
  missing(d: number): number;
}

export class UnicastFlow {
  /** devices with fragments or a status request still to come */
  active = 0;
  private readonly activeFlag: Uint8Array;
  private readonly maxBatches: Uint8Array;

  constructor(
    private readonly c: CampaignCore,
    private readonly hooks: UnicastHooks,
  ) {
    this.activeFlag = new Uint8Array(c.st.count);
    this.maxBatches = new Uint8Array(c.st.count);
  }

  /** Starts a batch of fragments firstN..lastN for device d; `batches`: how many batches it may get in all. */
  startBatch(d: number, firstN: number, lastN: number, batches?: number): void {
    const { st } = this.c;
    if (batches !== undefined) this.maxBatches[d] = batches;
    const last = Math.min(MAX_N, lastN);
    // no counter left, or a fragment that fits neither receive window of this device: nothing to send
    if (firstN > last || !this.c.ex.fitsAWindow(d, Msg.DataFragment)) return this.leave(d, true);
    st.srvStep[d] = Srv.unicast;
    st.uniNextN[d] = firstN;
    st.uniLastN[d] = last;
    st.uniBatches[d]++;
    if (!this.activeFlag[d]) {
      this.activeFlag[d] = 1;
      this.active++;
    }
    this.watch(d);
  }

  /** A stream is given up when the server has not heard the device for as long as it waits for a silent one. */
  private watch(d: number): void {
    const { ex } = this.c;
    ex.timers.serverTimer(d, STREAM_STALLED, Math.max(this.c.now, ex.lastHeardUs[d]) + ex.silenceSpanUs(d));
  }

  serverTimer(d: number, kind: number): boolean {
    if (kind !== STREAM_STALLED) return false;
    if (this.c.st.srvStep[d] !== Srv.unicast) return true;
    const { ex } = this.c;
    if (this.c.now < ex.lastHeardUs[d] + ex.silenceSpanUs(d)) this.watch(d);
    else this.leave(d, true);
    return true;
  }

  /** Device d leaves the flow; `failed`: the server gives up on it (MissingFrag). */
  leave(d: number, failed: boolean): void {
    const { st } = this.c;
    if (this.activeFlag[d]) {
      this.activeFlag[d] = 0;
      this.active--;
      this.c.ex.timers.cancelServerTimer(d);
    }
    if (st.srvStep[d] !== Srv.unicast && st.srvStep[d] !== Srv.unicastStatus) return;
    if (failed) {
      this.c.finalStatus(d, 'MissingFrag');
      st.srvStep[d] = Srv.done;
    } else {
      st.srvStep[d] = Srv.setUp; // waits for the device's report
    }
  }

  isActive(d: number): boolean {
    return this.activeFlag[d] === 1;
  }

  streamNext(d: number): number {
    const { st } = this.c;
    return st.srvStep[d] === Srv.unicast && st.uniNextN[d] <= st.uniLastN[d] ? st.uniNextN[d] : 0;
  }

  streamDone(d: number, n: number, sent: boolean, atUs: number): void {
    const { st, s } = this.c;
    if (!sent || st.srvStep[d] !== Srv.unicast || st.uniNextN[d] !== n) return;
    this.c.sent.mark(n);
    this.c.phases.touch(n > this.c.plannedLastN ? 'repair' : 'distribution', atUs);
    st.uniNextN[d]++;
    if (st.uniNextN[d] <= st.uniLastN[d]) return this.watch(d);
    if (s.completion.statusRequest) {
      st.srvStep[d] = Srv.unicastStatus;
      this.c.ex.timers.cancelServerTimer(d); // the mailbox has its own deadline
      this.c.ex.request(d, Msg.FragSessionStatusReq);
    } else {
      this.leave(d, false);
    }
  }

  // ---- device

  received(d: number, code: number, arg: number, atUs: number): boolean {
    const { st, ex } = this.c;
    if (code === Msg.DataFragment) {
      if (st.has(d, DevFlag.finished)) return true;
      const fPending = arg < st.uniLastN[d];
      this.hooks.feed(d, arg, atUs);
      if (fPending && !st.has(d, DevFlag.finished)) ex.device.send(d, Msg.EmptyUplink);
      return true;
    }
    if (code === Msg.FragSessionStatusReq) {
      ex.device.send(d, Msg.FragSessionStatusAns);
      return true;
    }
    return false;
  }

  // ---- server

  /** A FragSessionStatusAns of device d in the unicast flow. */
  heardStatus(d: number): void {
    const { st } = this.c;
    if (st.srvStep[d] !== Srv.unicastStatus) return;
    const missing = this.hooks.missing(d);
    st.reportedMissing[d] = missing;
    this.c.phases.touch('status', this.c.now);
    if (missing === 0) return this.leave(d, false);
    if (st.uniBatches[d] >= this.maxBatches[d]) return this.leave(d, true);
    const first = st.uniLastN[d] + 1;
    this.startBatch(d, first, first + repairCount(missing) - 1);
  }

  gaveUp(d: number, code: number): boolean {
    if (code !== Msg.FragSessionStatusReq) return false;
    this.leave(d, true);
    return true;
  }
}
