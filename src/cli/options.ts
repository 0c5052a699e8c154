/**
 * Numeric command-line options, read from the text the user typed (yargs would turn "abc" into
 * NaN and lose it), so that a bad value is reported as a problem of its flag: `--seed: "abc" is
 * not an integer; allowed: 0..4294967295`.
 */
import { quote } from '../errors/index.js';

export interface NumberSpec {
  /** the flag as the user writes it, e.g. "--seed" */
  flag: string;
  min: number;
  max: number;
  /** whole numbers only (default true) */
  integer?: boolean;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The number given for a flag, or undefined when the flag is absent; a problem line is added (and
 * undefined returned) when the text is not a number in range or the flag was given twice.
 */
export function numberOption(value: unknown, spec: NumberSpec, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const integer = spec.integer !== false;
  const allowed = `allowed: ${integer ? 'an integer' : 'a number'} ${spec.min}..${spec.max}`;
  if (Array.isArray(value)) {
    problems.push(`${spec.flag}: given ${value.length} times; ${allowed}, once`);
    return undefined;
  }
  const text = String(value).trim();
  const n = DECIMAL.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n)) {
    problems.push(`${spec.flag}: ${quote(String(value), 40)} is not a number; ${allowed}`);
    return undefined;
  }
  if (integer && !Number.isInteger(n)) {
    problems.push(`${spec.flag}: ${text} is not an integer; ${allowed}`);
    return undefined;
  }
  if (n < spec.min || n > spec.max) {
    problems.push(`${spec.flag}: ${text} is out of range; ${allowed}`);
    return undefined;
  }
  return n;
}

/** The yargs option of a number read with numberOption: a string, so that the text typed is kept. */
export function numberFlag(describe: string, demandOption = false) {
  return { type: 'string' as const, describe, demandOption, requiresArg: true };
}

/** The --allow-large option of the commands that simulate (limits: docs/scenarios.md "Limits"). */
export const allowLargeFlag = {
  type: 'boolean' as const,
  default: false,
  describe: 'run a scenario or sweep beyond the size limits (events, device-frames, memory, runs); see docs/scenarios.md "Limits"',
};
