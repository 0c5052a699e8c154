/**
 * Access to the team's shared reference folder (`../shared` next to the repository). CI has it; a
 * user's clone may not. Tests that need it use `describeShared`, which skips with a notice when the
 * folder is absent; every such test also has a compact known-answer twin under test/fixtures/.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
const candidate = process.env.FUOTA_SIM_SHARED ?? resolve(repoRoot, '..', 'shared');
export const sharedDir: string | null = existsSync(join(candidate, 'vectors')) ? candidate : null;

let noticed = false;
/** `describe` when ../shared is present; otherwise a skipped suite and one notice on stderr. */
export function describeShared(name: string, fn: () => void): void {
  if (sharedDir) {
    describe(name, fn);
    return;
  }
  if (!noticed) {
    noticed = true;
    process.stderr.write(
      'notice: ../shared (reference vectors) not found; tests that read it are skipped. ' +
        'The compact fixtures in test/fixtures still run. Set FUOTA_SIM_SHARED to its path to run them.\n',
    );
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
