/**
 * Running the validation scenarios (`scenarios/validation/*.json`) through the library, and reading
 * what the comparisons need out of a RunResult.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandSweep, loadScenarioFile, type SweepPoint } from '../../src/scenario/index.js';
import { simulate, type SimulateOptions } from '../../src/sim/simulate.js';
import { TX_KINDS, type RunResult, type TxKind } from '../../src/sim/types.js';

/** The repository root: the first folder above this module that holds scenarios/validation. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'scenarios', 'validation'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('scenarios/validation not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export function validationScenarioPath(name: string): string {
  return join(repoRoot(), 'scenarios', 'validation', `${name}.json`);
}

/** Every point of a validation scenario (its sweep expanded; one point without a sweep). */
export function scenarioPoints(name: string): SweepPoint[] {
  const path = validationScenarioPath(name);
  const loaded = loadScenarioFile(path);
  return expandSweep(loaded.raw, { baseDir: loaded.baseDir, sourceName: path });
}

/** Runs one point with every frame kept. */
export function runTraced(point: SweepPoint, opts: Omit<SimulateOptions, 'trace'> = {}): RunResult {
  return simulate(point.scenario, { ...opts, trace: true });
}

export interface Frames {
  /** index into the transmissions table, in start order */
  rows: number[];
  startUs: Float64Array;
  endUs: Float64Array;
  node: Int32Array;
  /** TS004 N (fragments), 0 otherwise */
  n: Int32Array;
}

/** The frames of one kind (e.g. 'fragment'), optionally only those matching `keep`. */
export function framesOf(r: RunResult, kind: TxKind, keep: (row: number) => boolean = () => true): Frames {
  const t = r.transmissions;
  const k = TX_KINDS.indexOf(kind);
  const rows: number[] = [];
  for (let i = 0; i < t.count; i++) if (t.kind[i] === k && keep(i)) rows.push(i);
  rows.sort((a, b) => t.startUs[a] - t.startUs[b] || a - b);
  return {
    rows,
    startUs: Float64Array.from(rows, (i) => t.startUs[i]),
    endUs: Float64Array.from(rows, (i) => t.startUs[i] + t.airtimeUs[i]),
    node: Int32Array.from(rows, (i) => t.node[i]),
    n: Int32Array.from(rows, (i) => t.fragmentIndex[i]),
  };
}

/** Airtime (µs) of gateway frames of `kinds` on frequencies inside [loHz, hiHz] that start in [fromUs, toUs). */
export function gatewayAirtimeUs(r: RunResult, kinds: readonly TxKind[], band: { loHz: number; hiHz: number }, fromUs: number, toUs: number): { frames: number; airtimeUs: number } {
  const t = r.transmissions;
  const ks = new Set(kinds.map((k) => TX_KINDS.indexOf(k)));
  let frames = 0;
  let airtimeUs = 0;
  for (let i = 0; i < t.count; i++) {
    if (t.node[i] < 0 || !ks.has(t.kind[i]) || t.startUs[i] < fromUs || t.startUs[i] >= toUs) continue;
    if (t.frequencyHz[i] < band.loHz || t.frequencyHz[i] > band.hiHz) continue;
    frames++;
    airtimeUs += t.airtimeUs[i];
  }
  return { frames, airtimeUs };
}

/** Seconds of a phase of the run's time line, or NaN when the run has no such phase. */
export function phaseSpan(r: RunResult, phase: RunResult['phases'][number]['phase']): { startS: number; endS: number } {
  const p = r.phases.find((x) => x.phase === phase);
  return p ? { startS: p.startS, endS: p.endS } : { startS: NaN, endS: NaN };
}

/** Share of the devices' uplinks of `kind` that overlap a transmission of any gateway (half-duplex losses). */
export function shareOverlappingGatewayTx(r: RunResult, kind: TxKind, toUs = Infinity): number {
  const t = r.transmissions;
  const starts: number[] = [];
  const ends: number[] = [];
  const order = Array.from({ length: t.count }, (_, i) => i).filter((i) => t.node[i] >= 0).sort((a, b) => t.startUs[a] - t.startUs[b]);
  for (const i of order) {
    starts.push(t.startUs[i]);
    ends.push(Math.max(t.startUs[i] + t.airtimeUs[i], ends.length > 0 ? ends[ends.length - 1] : -Infinity));
  }
  const ups = framesOf(r, kind, (i) => t.node[i] < 0 && t.startUs[i] < toUs);
  let hit = 0;
  for (let u = 0; u < ups.rows.length; u++) {
    // the last gateway frame starting before the uplink ends; running max of ends covers earlier ones
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < ups.endUs[u]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && ends[lo - 1] > ups.startUs[u]) hit++;
  }
  return ups.rows.length > 0 ? hit / ups.rows.length : 0;
}
