/**
 * Field builders for the scenario schema. Each builder attaches its own error wording, so that
 * every problem reads `<value given> <what is wrong>; allowed: <allowed values or range>` (the
 * loader prefixes the dotted path), and appends the default to the field's description, so that
 * the JSON Schema and docs/scenarios.md say the same thing as the code.
 */
import { z } from 'zod';
import { showValue } from '../errors/index.js';

type RawIssue = z.core.$ZodRawIssue;

/** A value as it appears in a message: compact JSON, escaped, shortened when long (errors/text.ts). */
export function show(value: unknown): string {
  return showValue(value, 60);
}

const TYPE_WORD: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
  null: 'null',
};

/** What is wrong with the input of one issue, without the allowed part. */
function whatIsWrong(iss: RawIssue): string {
  const given = show(iss.input);
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is required';
      return `${given} is not ${TYPE_WORD[iss.expected] ?? iss.expected}`;
    case 'too_small':
    case 'too_big':
      if (iss.origin === 'array') {
        const k = (iss.input as unknown[]).length;
        return `${given} has ${k} ${k === 1 ? 'entry' : 'entries'}`;
      }
      if (iss.origin === 'string') return `${given} has a length out of range`;
      return `${given} is out of range`;
    case 'invalid_format':
      return `${given} is not valid`;
    case 'not_multiple_of':
      return `${given} is not a multiple of ${String(iss.divisor)}`;
    default:
      return `${given} is not allowed`;
  }
}

/** An error function for a field whose allowed values read `allowed`. */
export function says(allowed: string): (iss: RawIssue) => string {
  return (iss) => `${whatIsWrong(iss)}; allowed: ${allowed}`;
}

/** Number text for messages: plain digits, no exponent for the magnitudes used here. */
function n(value: number): string {
  return String(value);
}

function doc(description: string, dflt: unknown): string {
  return dflt === undefined ? description : `${description} Default: ${show(dflt)}.`;
}

/** An integer in [min, max], required or with a default. */
export function int(min: number, max: number, description: string): z.ZodNumber;
export function int(min: number, max: number, description: string, dflt: number): z.ZodDefault<z.ZodNumber>;
export function int(min: number, max: number, description: string, dflt?: number) {
  const err = says(`integer ${n(min)}..${n(max)}`);
  const s = z.number({ error: err }).int({ error: err }).min(min, { error: err }).max(max, { error: err });
  return dflt === undefined ? s.describe(description) : s.default(dflt).describe(doc(description, dflt));
}

/** An integer in [min, max], optional: the loader derives the value when it is absent. */
export function derivedInt(min: number, max: number, description: string) {
  const err = says(`integer ${n(min)}..${n(max)}`);
  return z.number({ error: err }).int({ error: err }).min(min, { error: err }).max(max, { error: err })
    .optional().describe(description);
}

/** A finite number in [min, max]; `above` makes the lower bound exclusive (> min). */
export function num(min: number, max: number, description: string, dflt?: undefined, above?: boolean): z.ZodNumber;
export function num(min: number, max: number, description: string, dflt: number, above?: boolean): z.ZodDefault<z.ZodNumber>;
export function num(min: number, max: number, description: string, dflt?: number, above = false) {
  const allowed = above ? `number > ${n(min)} and <= ${n(max)}` : `number ${n(min)}..${n(max)}`;
  const err = says(allowed);
  const base = z.number({ error: err });
  const s = (above ? base.gt(min, { error: err }) : base.min(min, { error: err })).max(max, { error: err });
  return dflt === undefined ? s.describe(description) : s.default(dflt).describe(doc(description, dflt));
}

/** A share or probability, 0..1. */
export function share(description: string, dflt: number) {
  return num(0, 1, description, dflt);
}

/** One of a fixed list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string): z.ZodEnum<z.core.util.ToEnum<T[number]>>;
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string, dflt: T[number]): z.ZodDefault<z.ZodEnum<z.core.util.ToEnum<T[number]>>>;
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string, dflt?: T[number]) {
  const err = says(values.map((v) => show(v)).join(', '));
  const s = z.enum(values, { error: err });
  return dflt === undefined ? s.describe(description) : s.default(dflt as never).describe(doc(description, dflt));
}

export function bool(description: string, dflt: boolean) {
  return z.boolean({ error: says('true, false') }).default(dflt).describe(doc(description, dflt));
}

/** A string matching `pattern`; `allowed` words the pattern for people. */
export function text(pattern: RegExp, allowed: string, description: string): z.ZodString;
export function text(pattern: RegExp, allowed: string, description: string, dflt: string): z.ZodDefault<z.ZodString>;
export function text(pattern: RegExp, allowed: string, description: string, dflt?: string) {
  const err = says(allowed);
  const s = z.string({ error: err }).regex(pattern, { error: err });
  return dflt === undefined ? s.describe(description) : s.default(dflt).describe(doc(description, dflt));
}

/** A file path (relative to the scenario file), or null. */
export function filePath(description: string) {
  const err = says('a file path (relative to the scenario file) or null');
  return z.string({ error: err }).min(1, { error: err }).nullable().default(null).describe(doc(description, null));
}

type XY = z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>;
/** A position [x, y] in metres. */
export function xy(description: string): XY;
export function xy(description: string, dflt: [number, number]): z.ZodDefault<XY>;
export function xy(description: string, dflt?: [number, number]) {
  const err = says('[x, y] in metres');
  const coord = z.number({ error: err }).min(-1e7, { error: err }).max(1e7, { error: err });
  const s = z.tuple([coord, coord], { error: err });
  return dflt === undefined ? s.describe(description) : s.default(dflt).describe(doc(description, dflt));
}

/** A list of positions [[x, y], ...] in metres. */
export function positions(description: string, max: number) {
  const err = says(`1..${n(max)} positions [x, y] in metres`);
  return z.array(xy('[x, y] in metres'), { error: err }).min(1, { error: err }).max(max, { error: err })
    .describe(description);
}

/** A strict object (unknown keys are errors) with the standard wording for a wrong type. */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, { error: says('an object') });
}

/** A strict object section whose absent value means "all defaults". */
export function section<T extends z.ZodRawShape>(shape: T, description: string) {
  // every field of a section has a default or is optional, so {} is a valid input
  const text = description.includes(' Default: ') ? description : `${description} Default: {} (every field at its default).`;
  return z.strictObject(shape, { error: says('an object') }).prefault({} as never).describe(text);
}

/** `text` for the doc of fields whose default is computed by the loader. */
export function derivedDoc(description: string, derived: string): string {
  return `${description} Default: ${derived}.`;
}

export { doc as withDefault };

/** An ISO-8601 UTC time with a Z suffix, e.g. "2026-01-05T00:00:00Z" (optionally with up to 6 decimals). */
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
/** GPS epoch (1980-01-06T00:00:00Z), ms since the Unix epoch: class B beacon times count from it. */
export const GPS_EPOCH_MS = 315_964_800_000;

/** Whether `v` is an ISO-8601 UTC time on or after the GPS epoch. */
export function isUtcTime(v: string): boolean {
  return ISO_UTC.test(v) && Number.isFinite(Date.parse(v)) && Date.parse(v) >= GPS_EPOCH_MS;
}
