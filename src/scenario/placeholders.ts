/**
 * Where a scenario leaves the deployment to the defaults: no gateways and no device placement of its
 * own. The simulation runs (the defaults are a plausible town), but the positions are stand-ins, and
 * an imported AWS campaign has none (AWS does not hold positions), so `run`, `sweep` and `validate`
 * say which fields to fill in.
 */
import type { ResolvedScenario } from './types.js';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** True when `raw` sets `path` (dotted), directly or as a swept path. */
function gives(raw: Record<string, unknown>, path: string): boolean {
  const sweep = raw.sweep;
  if (isObj(sweep) && Object.keys(sweep).some((k) => k === path || k.startsWith(`${path}.`))) return true;
  let v: unknown = raw;
  for (const key of path.split('.')) {
    if (!isObj(v) || !(key in v)) return false;
    v = v[key];
  }
  return true;
}

const xy = ([x, y]: readonly number[]) => `(${x}, ${y})`;

function placementText(p: ResolvedScenario['devices']['placement']): string {
  if (p.kind === 'disc') return `a disc of radius ${p.radiusM} m around ${xy(p.centerM)}`;
  return `the default placement (${p.kind})`;
}

/** One note per deployment field the scenario left to its default; none when it gives both. */
export function placeholderNotes(raw: unknown, s: ResolvedScenario): string[] {
  if (!isObj(raw)) return [];
  const notes: string[] = [];
  if (!gives(raw, 'gateways.positions') && !gives(raw, 'gateways.count')) {
    const gws = s.gateways.positions;
    notes.push(`no gateways given: the default, ${gws.length === 1 ? `one gateway at ${xy(gws[0])}` : `${gws.length} gateways`}, stands in for yours; set gateways.positions (or gateways.count and gateways.placement)`);
  }
  if (!gives(raw, 'devices.placement')) {
    notes.push(`no devices.placement given: the devices are spread over ${placementText(s.devices.placement)}, a stand-in for your fleet's positions (a list, or a csv file)`);
  }
  return notes;
}
