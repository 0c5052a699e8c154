/**
 * Scenarios shared by the campaign tests: a fleet close to one gateway on a gentle channel (every
 * device reaches the gateway at SF7), so that a test sees the campaign's rules rather than coverage.
 */
import { makeScenario } from '../../helpers/scenario.js';
import type { ResolvedScenario } from '../../../src/scenario/types.js';
import type { RunResult, TxKind } from '../../../src/sim/types.js';
import { TX_KINDS } from '../../../src/sim/types.js';

type Over = Parameters<typeof makeScenario>[0];

export const GENTLE_CHANNEL = { shadowingSigmaDb: 0, pathLoss: { model: 'log-distance' as const, d0M: 40, pl0Db: 110, gamma: 2.08 } };

/** Bursty losses with 5 % redundancy: many devices end short of fragments after the first pass. */
export const LOSSY = {
  fuotaTask: { redundancyPercent: 5 },
  channel: { burst: { model: 'gilbert-elliott' as const, meanBurstS: 3.3, meanGapS: 20, lossGood: 0.02, lossBad: 0.9 } },
};

/** A class A campaign of `count` devices within 300 m of one gateway, status requests on. */
export function nearFleet(count: number, over: Over = {}): ResolvedScenario {
  const defaults = {
    devices: { count, placement: { kind: 'disc', radiusM: 300, centerM: [0, 0] } },
    setup: { mode: 'classA' },
    channel: GENTLE_CHANNEL,
    completion: { statusRequest: true },
    outputs: { transmissions: true },
  };
  return makeScenario(deepMerge(defaults, over) as Over);
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (!isObject(a) || !isObject(b)) return b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = deepMerge(a[k], v);
  return out;
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

export function countStatuses(r: RunResult): Map<string, number> {
  const m = new Map<string, number>();
  for (const st of r.devices.status) m.set(st, (m.get(st) ?? 0) + 1);
  return m;
}

export interface Frame {
  startUs: number;
  endUs: number;
  node: number;
  kind: TxKind;
  frequencyHz: number;
  phyBytes: number;
  n: number;
}

/** The transmissions as objects, optionally only those matching `keep`. */
export function frames(r: RunResult, keep: (f: Frame) => boolean = () => true): Frame[] {
  const t = r.transmissions;
  const out: Frame[] = [];
  for (let i = 0; i < t.count; i++) {
    const f: Frame = { startUs: t.startUs[i], endUs: t.startUs[i] + t.airtimeUs[i], node: t.node[i], kind: TX_KINDS[t.kind[i]], frequencyHz: t.frequencyHz[i], phyBytes: t.phyPayloadBytes[i], n: t.fragmentIndex[i] };
    if (keep(f)) out.push(f);
  }
  return out;
}
