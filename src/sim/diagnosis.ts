/**
 * Why devices did not end `Successful`: one reason per device, from what the run knows about it
 * (its setup, its link margins, its decoder, its report), and the numbers behind the next step a
 * planner would take (docs/results.md, "Why devices were not updated").
 *
 * A device gets the first reason that applies, in REASONS order:
 * - deviceRefused: it ended in a device-side failure status (package, memory, descriptor, MIC…);
 * - noCoverage: no gateway exchanges class A frames with it even at its slowest data rate (uplink to
 *   the best gateway, or the RX2 downlink, below sensitivity): setup over class A cannot reach it,
 *   and the server never hears its reports (with instant setup it may still rebuild the image);
 * - notConfirmed: it rebuilt and verified the image, but the server never heard the reboot confirmed;
 * - setupTooLate: not set up when the session started, but set up later in the readiness pass
 *   (a longer booking lead would have reached it);
 * - setupFailed: not set up, and setup gave up on it (every retry lost);
 * - outOfReach: set up, but no gateway of the group reaches it at the session data rate;
 * - missingFragments: set up and in reach, yet it never held enough fragments.
 * Pure and deterministic: the same facts give the same diagnosis.
 */
import { REASONS, type Reason } from './types.js';
import { percentile } from '../stats/descriptive.js';

/** Reason index of a device that ended Successful. */
export const NO_REASON = 255;

/** Per-device facts the diagnosis reads, struct of arrays indexed by device. */
export interface DeviceFacts {
  count: number;
  /** the device ended Successful */
  successful: Uint8Array;
  /** the device ended in a device-side failure status */
  refused: Uint8Array;
  /** the device rebuilt and verified the image */
  rebuilt: Uint8Array;
  /** the device was set up: joined the session (multicast) or reached the fragment phase (unicast) */
  setUp: Uint8Array;
  /** not set up in the run, but set up when setup may run to its end (the readiness pass) */
  readyLater: Uint8Array;
  /** class A margin at the slowest data rate, dB: the weaker of the uplink and the RX2 downlink, best gateway */
  classAMarginDb: Float64Array;
  /** received power of the session's downlinks from the best gateway of the group, dBm */
  sessionRxDbm: Float64Array;
  /** distinct fragments held */
  fragmentsReceived: Int32Array;
  /** fragments held when the image could be rebuilt; -1 when never */
  fragmentsNeeded: Int32Array;
}

/** The session's facts: its data rate and the slower ones the group could use. */
export interface SessionFacts {
  /** false in unicast mode: there is no session data rate */
  multicast: boolean;
  /** device sensitivity at the session data rate, dBm */
  sensitivityDbm: number;
  /** slower downlink data rates the group could use, fastest first, with the device sensitivity at each */
  slowerDrs: ReadonlyArray<{ dr: number; sensitivityDbm: number }>;
  nbFrag: number;
  /** distinct fragments (TS004 N) sent */
  fragmentsSent: number;
}

export interface Diagnosis {
  /** per device: index into REASONS, or NO_REASON for a device that ended Successful */
  reason: Uint8Array;
  /** devices per reason, every reason present (zeros included), in REASONS order */
  counts: Record<Reason, number>;
  /** the fastest slower data rate that reaches every outOfReach device, else the slowest that reaches some; null when none */
  reachDr: number | null;
  /** how many of the outOfReach devices reachDr reaches */
  reachDrDevices: number | null;
  /** the redundancy (%) with which 90 % of the missingFragments devices that heard any fragment would have decoded */
  redundancyNeededPercent: number | null;
}

/** Share of the missingFragments devices the redundancy estimate lets decode. */
export const REDUNDANCY_COVERAGE = 0.9;

const R = Object.fromEntries(REASONS.map((r, i) => [r, i])) as Record<Reason, number>;

function reasonOf(f: DeviceFacts, s: SessionFacts, d: number): number {
  if (f.successful[d]) return NO_REASON;
  if (f.refused[d]) return R.deviceRefused;
  if (f.classAMarginDb[d] < 0) return R.noCoverage;
  if (f.rebuilt[d]) return R.notConfirmed;
  if (!f.setUp[d]) return f.readyLater[d] ? R.setupTooLate : R.setupFailed;
  if (s.multicast && f.sessionRxDbm[d] < s.sensitivityDbm) return R.outOfReach;
  return R.missingFragments;
}

/** The slower data rate to suggest for the devices out of reach (Diagnosis.reachDr). */
function reachingDr(f: DeviceFacts, s: SessionFacts, outOfReach: readonly number[]): { dr: number | null; devices: number | null } {
  if (outOfReach.length === 0) return { dr: null, devices: null };
  let best: { dr: number; devices: number } | null = null;
  for (const rate of s.slowerDrs) {
    let n = 0;
    for (const d of outOfReach) if (f.sessionRxDbm[d] >= rate.sensitivityDbm) n++;
    if (n === outOfReach.length) return { dr: rate.dr, devices: n };
    if (n > 0 && (best === null || n > best.devices)) best = { dr: rate.dr, devices: n };
  }
  return best === null ? { dr: null, devices: null } : { dr: best.dr, devices: best.devices };
}

/**
 * Redundancy that would have let REDUNDANCY_COVERAGE of the missingFragments devices decode: a
 * device that held r of the S fragments sent loses a share 1 − r/S; with redundancy R it would hold
 * about nbFrag·(1 + R)·r/S fragments and needs k·nbFrag, k the decoding overhead the run measured
 * (median fragmentsNeeded / nbFrag of the devices that rebuilt; 1 when none did). So it needs
 * R = k·S/r − 1. Devices that held no fragment are left out (redundancy cannot help them).
 */
function redundancyNeeded(f: DeviceFacts, s: SessionFacts, missing: readonly number[]): number | null {
  const heard = missing.filter((d) => f.fragmentsReceived[d] > 0);
  if (heard.length === 0 || s.nbFrag === 0 || s.fragmentsSent === 0) return null;
  const overheads: number[] = [];
  for (let d = 0; d < f.count; d++) if (f.fragmentsNeeded[d] > 0) overheads.push(f.fragmentsNeeded[d] / s.nbFrag);
  const k = overheads.length > 0 ? Math.max(1, percentile(overheads, 0.5)) : 1;
  const need = heard.map((d) => 100 * ((k * s.fragmentsSent) / f.fragmentsReceived[d] - 1));
  return Math.ceil(percentile(need, REDUNDANCY_COVERAGE) - 1e-9);
}

export function diagnose(f: DeviceFacts, s: SessionFacts): Diagnosis {
  const reason = new Uint8Array(f.count);
  const counts = Object.fromEntries(REASONS.map((r) => [r, 0])) as Record<Reason, number>;
  const byReason: number[][] = REASONS.map(() => []);
  for (let d = 0; d < f.count; d++) {
    const r = reasonOf(f, s, d);
    reason[d] = r;
    if (r === NO_REASON) continue;
    counts[REASONS[r]]++;
    byReason[r].push(d);
  }
  const reach = reachingDr(f, s, byReason[R.outOfReach]);
  return {
    reason,
    counts,
    reachDr: reach.dr,
    reachDrDevices: reach.devices,
    redundancyNeededPercent: redundancyNeeded(f, s, byReason[R.missingFragments]),
  };
}
