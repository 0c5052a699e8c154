/**
 * Turns schema issues into problem lines: `<dotted.path>: <value given> <what is wrong>; allowed: ...`.
 * The wording of field errors comes from the field builders (`fields.ts`); this file adds the path
 * and handles the issues that span a whole object (unknown keys, unions).
 */
import type { z } from 'zod';
import { pathSegment } from '../errors/index.js';
import { show } from './fields.js';
import { knownKeysAt, suggest } from './paths.js';
import { RETIRED_FIELDS } from './schema-world.js';

type Issue = z.core.$ZodIssue;
type Path = ReadonlyArray<PropertyKey>;

/** `a.b[2].c` (keys that are not plain names quoted and escaped: `a["odd key"]`); the empty path is the scenario itself. */
export function dotted(path: Path): string {
  let out = '';
  for (const seg of path) out += pathSegment(seg, out === '');
  return out || 'scenario';
}

/** The value at `path` inside `raw`, or undefined. */
export function valueAt(raw: unknown, path: Path): unknown {
  let cur = raw;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** One line per unknown key, with a did-you-mean suggestion when a known key is close. */
export function unknownKeyLines(root: z.core.$ZodType, path: Path, keys: readonly string[]): string[] {
  const known = knownKeysAt(root, path);
  return keys.map((key) => {
    const retired = RETIRED_FIELDS[dotted([...path, key])];
    if (retired !== undefined) return `${dotted([...path, key])}: ${retired}`;
    const near = suggest(key, known);
    const hint = near ? `did you mean "${near}"?` : `allowed: ${known.join(', ')}`;
    return `${dotted([...path, key])}: unknown field; ${hint}`;
  });
}

/** A union failed in every branch: report the branch that got furthest (whose root type matched). */
function unionLines(root: z.core.$ZodType, raw: unknown, iss: Issue & { code: 'invalid_union' }): string[] {
  const path = iss.path;
  if ('note' in iss && iss.discriminator !== undefined) {
    const given = valueAt(raw, path);
    const what = given === undefined ? 'is required' : `${show(given)} is not allowed`;
    const options = (iss as { options?: unknown[] }).options ?? [];
    return [`${dotted(path)}: ${what}; allowed: ${options.map((o) => show(o)).join(', ')}`];
  }
  const deeper = iss.errors.filter((branch) => branch.length > 0 && branch.every((b) => b.path.length > 0));
  if (deeper.length === 1) {
    return deeper[0].flatMap((b) => issueLines(root, raw, { ...b, path: [...path, ...b.path] } as Issue));
  }
  return [`${dotted(path)}: ${iss.message}`];
}

/** The problem lines of one issue. */
export function issueLines(root: z.core.$ZodType, raw: unknown, iss: Issue): string[] {
  if (iss.code === 'unrecognized_keys') return unknownKeyLines(root, iss.path, iss.keys);
  if (iss.code === 'invalid_union') return unionLines(root, raw, iss);
  return [`${dotted(iss.path)}: ${iss.message}`];
}

/** The problem lines of a failed parse, duplicates removed, in schema order. */
export function formatIssues(root: z.core.$ZodType, raw: unknown, issues: readonly Issue[]): string[] {
  return [...new Set(issues.flatMap((iss) => issueLines(root, raw, iss)))];
}
