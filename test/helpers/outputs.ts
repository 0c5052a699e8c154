/**
 * Fast path against reference path at the level of a whole run: every result file a run writes
 * (docs/results.md), compared byte for byte. `outputFiles` runs a scenario through simulate() and
 * the same writer the CLI uses, into a temporary folder that it removes again; `expectSameOutputs`
 * compares two such sets. A speed-up that skips, batches, reorders or parallelises work must leave
 * every file identical to a run of the straightforward path.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { writeRunResults } from '../../src/output/results.js';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { simulate, type SimulateOptions } from '../../src/sim/simulate.js';

/** timing.json holds the wall time and memory of the run, the one file that may differ. */
export const NON_DETERMINISTIC_FILES = ['timing.json'];

/** The files of one run's result folder, by name (transmissions.csv included). */
export async function outputFiles(s: ResolvedScenario, opts: SimulateOptions = {}): Promise<Map<string, Buffer>> {
  const result = simulate(s, { ...opts, trace: true });
  const dir = mkdtempSync(join(tmpdir(), 'fuota-sim-outputs-'));
  try {
    const out = join(dir, 'run');
    await writeRunResults(out, result, { force: false, trace: true });
    return new Map(readdirSync(out).sort().map((name) => [name, readFileSync(join(out, name))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every file of `fast` equals the same file of `reference`, byte for byte, and no file is missing. */
export function expectSameOutputs(fast: Map<string, Buffer>, reference: Map<string, Buffer>, ignore: string[] = NON_DETERMINISTIC_FILES): void {
  const names = (m: Map<string, Buffer>) => [...m.keys()].filter((n) => !ignore.includes(n));
  expect(names(fast)).toEqual(names(reference));
  for (const name of names(reference)) {
    const a = fast.get(name)!;
    const b = reference.get(name)!;
    if (!a.equals(b)) {
      // point at the first differing line rather than dumping two files
      const la = a.toString('utf8').split('\n');
      const lb = b.toString('utf8').split('\n');
      const i = la.findIndex((line, k) => line !== lb[k]);
      expect(`${name} line ${i + 1}: ${la[i] ?? '(end)'}`).toBe(`${name} line ${i + 1}: ${lb[i] ?? '(end)'}`);
    }
  }
}
