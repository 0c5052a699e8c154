/** Test helpers for the sweep and its commands: run the CLI in-process and capture its output. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/app.js';
import { MARKER_FILE, markerText } from '../../src/output/marker.js';
import { SUMMARY_METRICS } from '../../src/sim/types.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `fuota-sim <argv>` in this process; returns the exit code and what it printed. */
export async function runCli(argv: string[]): Promise<CliRun> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  // yargs prints --help through console.log, which vitest intercepts before process.stdout
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const code = await main(argv);
    const text = (...spies: Array<{ mock: { calls: unknown[][] } }>) =>
      spies.flatMap((s) => s.mock.calls.map((c) => `${c.map(String).join(' ')}${s === log || s === error ? '\n' : ''}`)).join('');
    return { code, stdout: text(out, log), stderr: text(err, error) };
  } finally {
    for (const s of [out, err, log, error]) s.mockRestore();
  }
}

/** Every file under `dir` (relative path → sha-256), leaving out `timing.json` (wall time, the one non-deterministic file). */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'timing.json') out[p] = createHash('sha256').update(readFileSync(join(dir, p))).digest('hex');
    }
  };
  walk('');
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A fresh temporary folder for one test file. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/**
 * A run folder as a sweep writes it, without simulating: summary.json holding every metric (`metrics`
 * over a default of 0), scenario.resolved.json with the seed, and the marker listing both files.
 */
export function fakeRunFolder(dir: string, run: { runId: string; seed: number }, metrics: Record<string, number | null>): void {
  mkdirSync(dir, { recursive: true });
  const summary = { ...Object.fromEntries(SUMMARY_METRICS.map((m) => [m, 0])), ...metrics };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
  writeFileSync(join(dir, 'scenario.resolved.json'), JSON.stringify({ name: 'synthetic', seed: run.seed }));
  const files = Object.fromEntries(['scenario.resolved.json', 'summary.json'].map((f) => [f, statSync(join(dir, f)).size]));
  writeFileSync(join(dir, MARKER_FILE), markerText({ kind: 'run', runId: run.runId, seed: run.seed, files }));
}
