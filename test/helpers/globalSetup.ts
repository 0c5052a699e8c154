/**
 * vitest global setup: runs once per test run, in the main process, before any test file. Test
 * files run in separate processes, so a notice printed from a test file would repeat once per file;
 * the notice about a missing ../shared is printed here instead, once.
 *
 * The run's temporary files (scenario copies, output folders, browser profiles, the CLI's files)
 * go to one folder of its own, removed when the run ends: test files and the processes they start
 * inherit TMPDIR, which `os.tmpdir()` reads, so nothing is left behind in the system's /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDir } from './sharedDir.js';

export default function setup(): () => void {
  const runTmp = mkdtempSync(join(tmpdir(), 'fuota-sim-test-'));
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = runTmp;
  if (!sharedDir) {
    process.stderr.write(
      'notice: ../shared (reference vectors) not found; tests that read it are skipped. ' +
        'The compact fixtures in test/fixtures still run. Set FUOTA_SIM_SHARED to its path to run them.\n',
    );
  }
  return () => rmSync(runTmp, { recursive: true, force: true });
}
