/**
 * `resolveScenario`: schema check, static defaults, derived defaults, cross-field rules and the
 * run-size limits, giving the frozen `ResolvedScenario` the simulator reads.
 *
 * Every problem is reported at once. When some fields fail the schema, the rules between fields
 * still run, on a copy of the input without those fields (their defaults take their place); a rule
 * whose result depends on a removed field is left out, so that no message rests on a value the
 * user did not write (see `Checks`).
 */
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import { getRegion } from '../lorawan/regions/index.js';
import type { FragmentPlan } from '../fuota/ts004/sizing.js';
import { ScenarioError } from './errors.js';
import { estimateRun, runLimitProblems, type RunEstimate } from './limits.js';
import { dotted, formatIssues } from './messages.js';
import { nameFromText } from './names.js';
import { knownKeysAt } from './paths.js';
import { checkGatewayIds, resolveDevices, resolveGateways } from './resolve-fleet.js';
import { planFragments, resolveDownlink, resolveFirmware, resolveSessionTimeoutS, type Downlink } from './resolve-task.js';
import { checkMix, checkSweepKeys, checkTiming, checkTraffic } from './rules.js';
import { scenarioSchema, type ParsedScenario } from './schema.js';
import { checkTree } from './tree.js';
import type { ResolvedScenario } from './types.js';

export interface ResolveOptions {
  /** directory that relative file paths in the scenario are resolved against */
  baseDir: string;
  /** the scenario's file name (or another label): names it in messages and gives the default name */
  sourceName?: string;
  /** lift the run-size limits (limits.ts; the CLI's --allow-large) */
  allowLarge?: boolean;
  /** transmissions.csv will be written (--trace): counts in the memory estimate */
  trace?: boolean;
}

/** The default scenario name: the file's base name made a valid name (names.ts), else "scenario". */
export function nameFromSource(sourceName: string | undefined): string {
  if (!sourceName) return 'scenario';
  return nameFromText(basename(sourceName, extname(sourceName)), 'scenario');
}

/** Freezes an object graph in place (the resolved scenario is read-only). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** `obj` with its keys in the schema's order at `path` (derived fields are added last otherwise). */
function inSchemaOrder<T extends object>(path: string[], obj: T): T {
  const out: Record<string, unknown> = {};
  for (const key of knownKeysAt(scenarioSchema, path)) if (key in obj) out[key] = (obj as Record<string, unknown>)[key];
  return out as T;
}

/**
 * Problems of the rules between fields, each group with the fields it reads (dotted prefixes), so
 * that groups reading a field the schema rejected can be left out.
 */
class Checks {
  private readonly groups: Array<{ reads: readonly string[]; problems: string[] }> = [];

  run<T>(reads: readonly string[], fn: (problems: string[]) => T): T {
    const problems: string[] = [];
    this.groups.push({ reads, problems });
    return fn(problems);
  }

  /** The problems of groups that read none of `removed`. */
  problems(removed: ReadonlySet<string> = new Set()): string[] {
    const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}[`);
    return this.groups
      .filter((g) => !g.reads.some((r) => [...removed].some((x) => overlaps(r, x))))
      .flatMap((g) => g.problems);
  }
}

interface Resolved {
  scenario: ResolvedScenario;
  plan: FragmentPlan | null;
  dataLength: number;
  down: Downlink;
}

/** Derived values and the rules between fields, on schema-valid input. */
function resolveParsed(p: ParsedScenario, opts: ResolveOptions, checks: Checks): Resolved {
  const region = getRegion(p.region);
  const { firmware, dataLength } = checks.run(['firmware'], (pr) => resolveFirmware(p.firmware, opts.baseDir, pr));
  const down = checks.run(['region', 'multicastGroup', 'fuotaTask.fragmentSizeBytes'], (pr) => resolveDownlink(p, region, pr));
  const plan = down.fragmentSizeBytes === null ? null
    : checks.run(['firmware', 'region', 'multicastGroup', 'fuotaTask'], (pr) => planFragments(dataLength, down.fragmentSizeBytes!, p.fuotaTask.redundancyPercent, pr));
  const sessionTimeoutS = checks.run(['multicastGroup', 'fuotaTask', 'firmware', 'region'], (pr) => resolveSessionTimeoutS(p, region, down, plan, pr));
  const deviceRadio = checks.run(['devices', 'region'], (pr) => pr);
  const devices = checks.run(['devices'], (pr) => resolveDevices(p.devices, region, opts.baseDir, pr, deviceRadio));
  const gateways = checks.run(['gateways', 'region', 'multicastGroup.dlFreq'], (pr) => resolveGateways(p.gateways, region, down.dlFreq, pr));
  checks.run(['multicastGroup.gateways', 'gateways'], (pr) => checkGatewayIds(p.multicastGroup.gateways, gateways.positions.length, pr));
  checks.run(['fuotaTask.fec', 'devices.mix'], (pr) => checkMix(p, pr));
  checks.run(['traffic', 'region'], (pr) => checkTraffic(p, region, pr));
  checks.run(['fuotaTask', 'simulation', 'multicastGroup', 'firmware', 'region'], (pr) => checkTiming(p, down.fragmentSizeBytes, pr));
  checks.run(['sweep'], (pr) => checkSweepKeys(p, pr));
  const scenario: ResolvedScenario = {
    name: p.name ?? nameFromSource(opts.sourceName),
    description: p.description,
    seed: p.seed,
    replications: p.replications,
    region: p.region,
    startTime: p.startTime,
    firmware,
    fuotaTask: inSchemaOrder(['fuotaTask'], {
      ...p.fuotaTask,
      fragmentSizeBytes: down.fragmentSizeBytes ?? 0,
      fragIndex: p.fuotaTask.fragIndex ?? (p.fuotaTask.mode === 'multicast' ? 1 : 0),
    }),
    multicastGroup: inSchemaOrder(['multicastGroup'], { ...p.multicastGroup, dlDr: down.dlDr, dlFreq: down.dlFreq, sessionTimeoutS }),
    devices,
    gateways,
    channel: p.channel,
    traffic: p.traffic,
    setup: p.setup,
    completion: p.completion,
    simulation: p.simulation,
    outputs: p.outputs,
    sweep: p.sweep,
  };
  return { scenario, plan, dataLength, down };
}

type Issue = z.core.$ZodIssue;

/** Where an issue lies, cut before its first list index (a list entry cannot be removed alone). */
function issueTargets(issue: Issue): Array<Array<string | number>> {
  const cutAtIndex = (path: ReadonlyArray<PropertyKey>) => {
    const i = path.findIndex((seg) => typeof seg === 'number');
    return (i < 0 ? path : path.slice(0, i)).map((seg) => (typeof seg === 'number' ? seg : String(seg)));
  };
  if (issue.code === 'unrecognized_keys') {
    const at = cutAtIndex(issue.path);
    return at.length === issue.path.length ? issue.keys.map((k) => [...at, k]) : [at];
  }
  return [cutAtIndex(issue.path)];
}

function deleteAt(root: Record<string, unknown>, path: ReadonlyArray<string | number>): void {
  let cur: unknown = root;
  for (const seg of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return;
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) delete (cur as Record<string, unknown>)[path[path.length - 1]];
}

/**
 * The rules between fields on the input with its schema-rejected fields removed: returns the
 * problems of the rules that read none of them (empty when the input cannot be repaired so).
 */
function problemsBeyondSchema(raw: unknown, issues: readonly Issue[], opts: ResolveOptions): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const copy = structuredClone(raw) as Record<string, unknown>;
  const removed = new Set<string>();
  let pending = issues;
  // a removed required field fails again one level up; a few rounds reach a valid input
  for (let round = 0; round < 6; round++) {
    for (const issue of pending) {
      for (let target of issueTargets(issue)) {
        while (target.length > 0 && removed.has(dotted(target))) target = target.slice(0, -1);
        if (target.length === 0) return [];
        removed.add(dotted(target));
        deleteAt(copy, target);
      }
    }
    const parsed = scenarioSchema.safeParse(copy);
    if (parsed.success) {
      const checks = new Checks();
      resolveParsed(parsed.data, opts, checks);
      return checks.problems(removed);
    }
    pending = parsed.error.issues;
  }
  return [];
}

/** A resolved scenario and the work it asks for (limits.ts). */
export interface ResolvedWithEstimate {
  scenario: ResolvedScenario;
  estimate: RunEstimate;
}

/** `resolveScenario`, also returning the estimate of the work the run asks for. */
export function resolveWithEstimate(raw: unknown, opts: ResolveOptions): ResolvedWithEstimate {
  const shape = checkTree(raw);
  if (shape) throw new ScenarioError([`${dotted(shape.path)}: ${shape.problem}`], opts.sourceName);
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const schemaProblems = formatIssues(scenarioSchema, raw, parsed.error.issues);
    const more = problemsBeyondSchema(raw, parsed.error.issues, opts);
    throw new ScenarioError([...schemaProblems, ...more.filter((m) => !schemaProblems.includes(m))], opts.sourceName);
  }
  const checks = new Checks();
  const { scenario, plan, dataLength, down } = resolveParsed(parsed.data, opts, checks);
  const problems = checks.problems();
  if (problems.length > 0 || down.fragmentSizeBytes === null || plan === null) throw new ScenarioError(problems, opts.sourceName);
  const estimate = estimateRun(scenario, plan, dataLength, opts);
  const limits = runLimitProblems(scenario, plan, estimate, opts);
  if (limits.length > 0) throw new ScenarioError(limits, opts.sourceName);
  return { scenario: deepFreeze(scenario), estimate };
}

/** Validates `raw`, fills every default and checks the cross-field rules and limits; throws ScenarioError listing all problems. */
export function resolveScenario(raw: unknown, opts: ResolveOptions): ResolvedScenario {
  return resolveWithEstimate(raw, opts).scenario;
}
