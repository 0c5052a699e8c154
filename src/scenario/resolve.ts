/**
 * `resolveScenario`: schema check, static defaults, derived defaults and cross-field rules, giving
 * the frozen `ResolvedScenario` the simulator reads. Every problem found is reported at once.
 */
import { basename, extname } from 'node:path';
import { getRegion } from '../lorawan/regions/index.js';
import { ScenarioError } from './errors.js';
import { formatIssues } from './messages.js';
import { knownKeysAt } from './paths.js';
import { checkGatewayIds, resolveDevices, resolveGateways } from './resolve-fleet.js';
import { planFragments, resolveDownlink, resolveFirmware, resolveSessionTimeoutS } from './resolve-task.js';
import { checkMix, checkSweepKeys, checkTiming, checkTraffic } from './rules.js';
import { scenarioSchema } from './schema.js';
import type { ResolvedScenario } from './types.js';

export interface ResolveOptions {
  /** directory that relative file paths in the scenario are resolved against */
  baseDir: string;
  /** the scenario's file name (or another label): names it in messages and gives the default name */
  sourceName?: string;
}

/** The default scenario name: the file's base name, lower-cased, other characters than [a-z0-9._-] replaced by "-". */
export function nameFromSource(sourceName: string | undefined): string {
  if (!sourceName) return 'scenario';
  const base = basename(sourceName, extname(sourceName)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').slice(0, 64);
  return base.replace(/^-+|-+$/g, '') || 'scenario';
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

/** Validates `raw`, fills every default and checks the cross-field rules; throws ScenarioError listing all problems. */
export function resolveScenario(raw: unknown, opts: ResolveOptions): ResolvedScenario {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) throw new ScenarioError(formatIssues(scenarioSchema, raw, parsed.error.issues), opts.sourceName);
  const p = parsed.data;
  const problems: string[] = [];
  const region = getRegion(p.region);

  const { firmware, dataLength } = resolveFirmware(p.firmware, opts.baseDir, problems);
  const down = resolveDownlink(p, region, problems);
  const plan = down.fragmentSizeBytes === null ? null
    : planFragments(dataLength, down.fragmentSizeBytes, p.fuotaTask.redundancyPercent, problems);
  const sessionTimeoutS = resolveSessionTimeoutS(p, region, down, plan, problems);
  const devices = resolveDevices(p.devices, region, opts.baseDir, problems);
  const gateways = resolveGateways(p.gateways, region, down.dlFreq, problems);
  checkGatewayIds(p.multicastGroup.gateways, gateways.positions.length, problems);
  checkMix(p, problems);
  checkTraffic(p, region, problems);
  checkTiming(p, down.fragmentSizeBytes, problems);
  checkSweepKeys(p, problems);
  if (problems.length > 0 || down.fragmentSizeBytes === null) throw new ScenarioError(problems, opts.sourceName);

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
      fragmentSizeBytes: down.fragmentSizeBytes,
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
  return deepFreeze(scenario);
}
