/**
 * vitest global setup: runs once per test run, in the main process, before any test file. Test
 * files run in separate processes, so a notice printed from a test file would repeat once per file;
 * the notice about a missing ../shared is printed here instead, once.
 */
import { sharedDir } from './sharedDir.js';

export default function setup(): void {
  if (sharedDir) return;
  process.stderr.write(
    'notice: ../shared (reference vectors) not found; tests that read it are skipped. ' +
      'The compact fixtures in test/fixtures still run. Set FUOTA_SIM_SHARED to its path to run them.\n',
  );
}
