/**
 * Sweep expansion: the cartesian product of the `sweep` object's dotted paths. Keys are taken in
 * file order and values in list order, the last key varying fastest. Each point is the raw scenario
 * with its values applied and `sweep` removed, resolved on its own, so derived defaults (fragment
 * size, session timeout, ...) are derived again per point. Replications are not expanded here.
 */
import { quote } from '../errors/index.js';
import { ScenarioError } from './errors.js';
import { show } from './fields.js';
import { ALLOW_LARGE, HARD_LIMITS, round2, SWEEP_LIMITS } from './limits.js';
import { resolveScenario, resolveWithEstimate } from './resolve.js';
import { sweepKeyProblem } from './rules.js';
import type { ResolvedScenario } from './types.js';

export interface SweepPoint {
  /** 0-based position in the product */
  index: number;
  /** the swept values of this point, by dotted path, in sweep order */
  values: Record<string, unknown>;
  /** the raw scenario of this point: the input with the values applied and no `sweep` */
  raw: unknown;
  /** the point, resolved */
  scenario: ResolvedScenario;
}

export interface SweepOptions {
  /** directory relative file paths resolve against (default: the working directory) */
  baseDir?: string;
  sourceName?: string;
  /** lift the run and sweep size limits (--allow-large) */
  allowLarge?: boolean;
  /** every run writes transmissions.csv (--trace) */
  trace?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sets `value` at a dotted path, creating objects on the way (the schema reports what does not fit). */
function setPath(target: Obj, key: string, value: unknown): void {
  const parts = key.split('.');
  let cur: Obj = target;
  for (const part of parts.slice(0, -1)) {
    if (!isObj(cur[part]) && !Array.isArray(cur[part])) cur[part] = {};
    cur = cur[part] as Obj;
  }
  cur[parts[parts.length - 1]] = structuredClone(value);
}

/** The sweep's axes, or problems when it is not an object of non-empty lists of known paths. */
function axes(sweep: unknown): { keys: string[]; lists: unknown[][] } {
  if (!isObj(sweep)) {
    throw new ScenarioError([`sweep: ${show(sweep)} is not allowed; allowed: null or an object of dotted paths to non-empty lists of values`]);
  }
  const problems: string[] = [];
  const keys = Object.keys(sweep);
  for (const key of keys) {
    const list = sweep[key];
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`sweep[${quote(key)}]: ${show(list)} is not allowed; allowed: a non-empty list of values`);
    }
    const problem = sweepKeyProblem(key);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return { keys, lists: keys.map((k) => sweep[k] as unknown[]) };
}

/**
 * Problems of a sweep's size, found before a single point is expanded: too many keys, points or
 * runs (points × replications).
 */
export function sweepSizeProblems(keys: readonly string[], lists: readonly unknown[][], replications: number, allowLarge: boolean): string[] {
  const problems: string[] = [];
  if (keys.length > HARD_LIMITS.sweepKeys) {
    problems.push(`sweep: ${keys.length} swept paths; allowed: at most ${HARD_LIMITS.sweepKeys}`);
    return problems;
  }
  const points = lists.reduce((n, l) => n * l.length, 1);
  const shape = lists.map((l) => l.length).join(' × ');
  const runs = points * replications;
  const limit = (hard: number, soft: number) => (allowLarge ? hard : Math.min(hard, soft));
  const flag = (hard: number, soft: number) => (allowLarge || soft >= hard ? '' : ` without ${ALLOW_LARGE}`);
  const fix = (hard: number, soft: number) => (allowLarge || soft >= hard ? '' : `, or pass ${ALLOW_LARGE} if you mean it`);
  if (points > limit(HARD_LIMITS.points, SWEEP_LIMITS.points)) {
    problems.push(`sweep: ${round2(points)} points (${shape}), more than the ${round2(limit(HARD_LIMITS.points, SWEEP_LIMITS.points))} a sweep may have${flag(HARD_LIMITS.points, SWEEP_LIMITS.points)}; allowed: shorter lists${fix(HARD_LIMITS.points, SWEEP_LIMITS.points)}`);
  } else if (runs > limit(HARD_LIMITS.runs, SWEEP_LIMITS.runs)) {
    problems.push(`replications: ${replications} × ${round2(points)} sweep points = ${round2(runs)} runs, more than the ${round2(limit(HARD_LIMITS.runs, SWEEP_LIMITS.runs))} a sweep may have${flag(HARD_LIMITS.runs, SWEEP_LIMITS.runs)}; allowed: fewer replications or points${fix(HARD_LIMITS.runs, SWEEP_LIMITS.runs)}`);
  }
  return problems;
}

/** The path a problem line names (text before the first ": "). */
const problemPath = (line: string): string => line.slice(0, line.indexOf(': '));

/**
 * Collects the problems of the points. A problem on a swept path names that path and value, once;
 * another problem names its first point, or nothing when every point has it (a base problem).
 */
class Blame {
  private readonly lines = new Map<string, { text: string; points: number }>();

  add(line: string, values: Obj, index: number): void {
    const path = problemPath(line);
    const key = Object.keys(values).find((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`));
    const id = key === undefined ? line : `sweep[${quote(key)}] = ${show(values[key])}\u0000${line}`;
    const entry = this.lines.get(id);
    if (entry) {
      entry.points++;
      return;
    }
    const text = key === undefined
      ? `sweep point ${index} (${Object.entries(values).map(([k, v]) => `${k}=${show(v)}`).join(', ')}): ${line}`
      : `sweep[${quote(key)}] = ${show(values[key])} (point ${index}): ${line}`;
    this.lines.set(id, { text, points: 1 });
  }

  problems(total: number): string[] {
    return [...this.lines.entries()].map(([id, e]) => (e.points === total && !id.includes('\u0000') ? id : e.text));
  }
}

/** Every point of the scenario's sweep (one point, index 0, when there is no sweep); throws ScenarioError listing all problems. */
export function expandSweep(raw: unknown, opts: SweepOptions = {}): SweepPoint[] {
  const resolveOpts = { baseDir: opts.baseDir ?? process.cwd(), sourceName: opts.sourceName, allowLarge: opts.allowLarge, trace: opts.trace };
  const base: Obj = isObj(raw) ? { ...raw } : {};
  const sweep = base.sweep;
  delete base.sweep;
  if (!isObj(raw) || sweep === undefined || sweep === null) {
    return [{ index: 0, values: {}, raw, scenario: resolveScenario(raw, resolveOpts) }];
  }
  let keys: string[];
  let lists: unknown[][];
  try {
    ({ keys, lists } = axes(sweep));
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioError(err.problems, opts.sourceName);
    throw err;
  }
  const total = lists.reduce((n, l) => n * l.length, 1);
  const replications = isObj(raw) && Number.isInteger(raw.replications) ? (raw.replications as number) : 1;
  const sizeProblems = sweepSizeProblems(keys, lists, replications, opts.allowLarge === true);
  if (sizeProblems.length > 0) throw new ScenarioError(sizeProblems, opts.sourceName);
  const points: SweepPoint[] = [];
  const blame = new Blame();
  let deviceFrames = 0;
  for (let index = 0; index < total; index++) {
    const values: Obj = {};
    let rest = index;
    for (let k = keys.length - 1; k >= 0; k--) {
      values[keys[k]] = lists[k][rest % lists[k].length];
      rest = Math.floor(rest / lists[k].length);
    }
    const pointRaw = structuredClone(base);
    const ordered: Obj = {};
    for (const key of keys) {
      ordered[key] = values[key];
      setPath(pointRaw, key, values[key]);
    }
    try {
      const { scenario, estimate } = resolveWithEstimate(pointRaw, resolveOpts);
      deviceFrames += estimate.deviceFrames * replications;
      points.push({ index, values: ordered, raw: pointRaw, scenario });
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      for (const line of err.problems) blame.add(line, ordered, index);
    }
  }
  const problems = blame.problems(total);
  if (problems.length > 0) throw new ScenarioError(problems, opts.sourceName);
  if (!opts.allowLarge && deviceFrames > SWEEP_LIMITS.deviceFrames) {
    throw new ScenarioError([
      `sweep: about ${round2(deviceFrames)} device-frames over its ${total * replications} runs, more than the ${round2(SWEEP_LIMITS.deviceFrames)} a sweep may ask for without ${ALLOW_LARGE}; allowed: fewer points, replications or devices, or pass ${ALLOW_LARGE} if you mean it`,
    ], opts.sourceName);
  }
  return points;
}
