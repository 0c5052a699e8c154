/**
 * `--json` of run, sweep, plan and compare: one JSON object on standard output and nothing else
 * there (progress, notes and errors stay on standard error), for scripts and CI. The shapes are
 * documented in docs/results.md ("Machine-readable output"); each object names its `command`.
 * Numbers follow the rule of the result files (output/format.ts). The builders of the objects are
 * in json-results.ts, loaded with the command's work so that start-up stays fast.
 */
import { stableJson } from '../output/format.js';

export const jsonFlag = {
  type: 'boolean',
  default: false,
  describe: 'print one JSON object with the result on standard output instead of the text (shapes: docs/results.md); progress and notes stay on standard error',
} as const;

/** Writes `value` as the command's one JSON object. */
export function printJson(value: Record<string, unknown>): void {
  process.stdout.write(stableJson(value));
}
