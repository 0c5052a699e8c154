/**
 * Access to the team's shared reference folder (`../shared` next to the repository). CI has it; a
 * user's clone may not. Tests that need it use `describeShared`, which skips when the folder is
 * absent (the global setup, globalSetup.ts, says so once per test run); every such test also has a
 * compact known-answer twin under test/fixtures/.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { repoRoot, sharedDir } from './sharedDir.js';

export { repoRoot, sharedDir };

/** `describe` when ../shared is present; otherwise a skipped suite, named so in the report. */
export function describeShared(name: string, fn: () => void): void {
  if (sharedDir) {
    describe(name, fn);
    return;
  }
  // the body is not run: it may read ../shared while collecting its tests
  describe.skip(`${name} (skipped: ../shared not found)`, () => {
    it.skip('needs the ../shared reference folder', () => undefined);
  });
}

export function readSharedJson<T = unknown>(...parts: string[]): T {
  if (!sharedDir) throw new Error('shared folder not available');
  return JSON.parse(readFileSync(join(sharedDir, ...parts), 'utf8')) as T;
}

export function listShared(...parts: string[]): string[] {
  if (!sharedDir) return [];
  return readdirSync(join(sharedDir, ...parts)).sort();
}

export function readFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', name), 'utf8')) as T;
}
