/**
 * What the campaign's flows share: the run context, the per-device campaign state, the exchanges,
 * the clocks, the devices' mixed-fleet roles, and the phase bookkeeping they report to.
 */
import type { ResolvedScenario } from '../../scenario/types.js';
import type { RunContext } from '../context.js';
import type { FleetDecoders } from '../decoders.js';
import { deviceRole } from '../mix.js';
import type { DeviceStatus, RunResult } from '../types.js';
import { STATUS_INDEX } from '../world.js';
import type { DeviceClocks } from './clock.js';
import type { Exchange } from './exchange.js';
import type { CampaignState } from './state.js';

export type PhaseName = RunResult['phases'][number]['phase'];

/** No mixed-fleet role. */
export const NO_ROLE = 255;

/** The statuses a FragSessionSetupAns error bit produces (lorawan-facts 4.4, 7.2). */
export const SETUP_ANSWER_FAILURES: ReadonlySet<DeviceStatus> = new Set([
  'FragAlgo_unsupported', 'Not_enough_memory', 'FragIndex_unsupported', 'Wrong_descriptor', 'SessionCnt_replay',
]);

/** Phase spans, opened and closed as the campaign runs (several spans per phase are allowed). */
export class PhaseLog {
  readonly spans: Array<{ phase: PhaseName; startS: number; endS: number }> = [];
  private readonly open = new Map<PhaseName, { startUs: number; endUs: number; index: number }>();

  /** Extends the current span of `phase` to cover [fromUs, toUs], opening one if none is open. */
  touch(phase: PhaseName, fromUs: number, toUs = fromUs): void {
    let o = this.open.get(phase);
    if (!o) {
      o = { startUs: fromUs, endUs: toUs, index: this.spans.length };
      this.open.set(phase, o);
      this.spans.push({ phase, startS: fromUs / 1e6, endS: toUs / 1e6 });
    }
    o.startUs = Math.min(o.startUs, fromUs);
    o.endUs = Math.max(o.endUs, toUs);
    this.spans[o.index].startS = o.startUs / 1e6;
    this.spans[o.index].endS = o.endUs / 1e6;
  }

  /** Closes the current span of `phase`; the next touch opens a new one. */
  close(phase: PhaseName): void {
    this.open.delete(phase);
  }
}

/** Which TS004 N went on the air at least once (fragmentsSent counts them). */
export class SentFragments {
  private readonly once = new Uint8Array(16384);
  count = 0;
  /** highest N sent */
  maxN = 0;

  mark(n: number): void {
    if (n > this.maxN) this.maxN = n;
    if (this.once[n]) return;
    this.once[n] = 1;
    this.count++;
  }
}

export class CampaignCore {
  readonly s: ResolvedScenario;
  readonly roles: Uint8Array;
  readonly multicast: boolean;
  readonly phases = new PhaseLog();
  readonly sent = new SentFragments();
  /** multicast SessionTime, µs; NaN until fixed (Infinity in a setup probe: no session comes) */
  sessionStartUs = NaN;
  /** when the server may release the first fragment, µs (at or after SessionTime) */
  releaseUs = NaN;
  decoders: FleetDecoders | null = null;
  /** TS004 N of the last fragment of the session as first planned (M + R) */
  plannedLastN = 0;
  /** next TS004 N for fragments beyond M + R (repair) */
  nextRepairN = 0;

  constructor(
    readonly ctx: RunContext,
    readonly st: CampaignState,
    readonly ex: Exchange,
    readonly clocks: DeviceClocks,
  ) {
    this.s = ctx.world.s;
    this.multicast = this.s.fuotaTask.mode !== 'unicast';
    const n = ctx.world.fleet.count;
    this.roles = new Uint8Array(n);
    for (let d = 0; d < n; d++) {
      const role = deviceRole(this.s, d);
      this.roles[d] = role === null ? NO_ROLE : STATUS_INDEX[role];
    }
  }

  get now(): number {
    return this.ctx.kernel.now;
  }

  hasRole(d: number, status: DeviceStatus): boolean {
    return this.roles[d] === STATUS_INDEX[status];
  }

  /** The FragSessionSetupAns failure of device d, or null when it accepts the session. */
  setupFailure(d: number): DeviceStatus | null {
    const r = this.roles[d];
    if (r === NO_ROLE) return null;
    for (const status of SETUP_ANSWER_FAILURES) if (STATUS_INDEX[status] === r) return status;
    return null;
  }

  /** The server records device d's final status now. */
  finalStatus(d: number, status: DeviceStatus): void {
    this.st.srvStatus[d] = STATUS_INDEX[status];
    this.st.statusAtUs[d] = this.now;
  }
}
