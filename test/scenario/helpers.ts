/** Shared helpers of the scenario tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { resolveScenario } from '../../src/scenario/resolve.js';

/** The problems resolveScenario reports for `raw` (fails the test when it resolves). */
export function problemsOf(raw: unknown, baseDir = '/nonexistent-base'): string[] {
  try {
    resolveScenario(raw, { baseDir });
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems;
  }
  throw new Error('expected the scenario to be rejected');
}

/** A fresh temporary directory holding `files` (name → content). */
export function tempDirWith(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fuota-scenario-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
