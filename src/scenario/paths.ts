/**
 * Walks the scenario schema by dotted path: which keys an object accepts (for unknown-key messages
 * and their did-you-mean suggestions), whether a sweep path exists, and the list of every path (for
 * the documentation). Reads zod's schema definitions (`_zod.def`), which zod documents for this use.
 */
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';

type Schema = z.core.$ZodType;
interface Def {
  type: string;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  options?: Schema[];
  element?: Schema;
  items?: Schema[];
  in?: Schema;
}

const def = (s: Schema): Def => s._zod.def as unknown as Def;

/** The schema under default/prefault/optional/nullable/pipe wrappers. */
export function unwrap(s: Schema): Schema {
  let cur = s;
  for (;;) {
    const d = def(cur);
    if (d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else return cur;
  }
}

/** The object shapes a schema can take (one per union option). */
export function shapesOf(s: Schema): Array<Record<string, Schema>> {
  const d = def(unwrap(s));
  if (d.shape) return [d.shape];
  if (d.options) return d.options.flatMap(shapesOf);
  return [];
}

/** Keys accepted by the object(s) at `path` (numbers index lists), in schema order, de-duplicated. */
export function knownKeysAt(root: Schema, path: ReadonlyArray<PropertyKey>): string[] {
  const s = schemaAt(root, path);
  if (!s) return [];
  return [...new Set(shapesOf(s).flatMap((shape) => Object.keys(shape)))];
}

/** The schema at `path`, or null where the schema has no such field. */
export function schemaAt(root: Schema, path: ReadonlyArray<PropertyKey>): Schema | null {
  let cur: Schema = root;
  for (const seg of path) {
    const d = def(unwrap(cur));
    if (typeof seg === 'number' || /^\d+$/.test(String(seg))) {
      const item = d.element ?? d.items?.[Number(seg)];
      if (!item) return null;
      cur = item;
      continue;
    }
    const key = String(seg);
    const next = shapesOf(cur).map((shape) => (Object.hasOwn(shape, key) ? shape[key] : undefined)).find((x) => x !== undefined);
    if (!next) return null;
    cur = next;
  }
  return cur;
}

/** Every dotted path of the schema (objects and their fields), depth first in schema order. */
export function listPaths(root: Schema, prefix = ''): string[] {
  const out: string[] = [];
  const keys = knownKeysAt(root, []);
  for (const key of keys) {
    const child = schemaAt(root, [key]);
    if (!child) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path);
    out.push(...listPaths(child, path));
  }
  return [...new Set(out)];
}

/**
 * The known name closest to `given` by edit distance (Levenshtein: insertions, deletions,
 * substitutions; fastest-levenshtein), when it is close enough to be a likely typo.
 */
export function suggest(given: string, known: readonly string[]): string | null {
  if (given.length > 64) return null; // no field name is that long; and the distance costs length²
  const g = given.toLowerCase();
  let best: string | null = null;
  let bestScore = Infinity;
  for (const k of known) {
    const kl = k.toLowerCase();
    const d = distance(g, kl);
    const limit = Math.max(2, Math.floor(kl.length / 3));
    const score = d <= limit ? d : g.length >= 4 && (kl.startsWith(g) || g.startsWith(kl)) ? limit + 0.5 : Infinity;
    if (score < bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best;
}
