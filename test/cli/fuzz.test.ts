/**
 * Fuzzing the command line with mutated example scenarios (fast-check, seeded): whatever the
 * mutation, `validate` ends in exit 0 or exit 2 with clean messages (no stack trace, no internal
 * error, no Node warning, no control character, lines of bounded length), and the small mutants that
 * validate also `run` to exit 0 or 2.
 *
 * A few seconds by default. Longer runs: FUOTA_SIM_FUZZ_RUNS=5000 npx vitest run test/cli/fuzz.test.ts
 * (FUOTA_SIM_FUZZ_SEED picks another seed; a failure prints the seed and path that reproduce it).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { resolveWithEstimate } from '../../src/scenario/resolve.js';
import { repoRoot } from '../helpers/shared.js';
import { runCli, tempDir, type CliRun } from '../sweep/helpers.js';

const RUNS = Number(process.env.FUOTA_SIM_FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUOTA_SIM_FUZZ_SEED ?? 20_260_105);
/** Mutants this small are also run (a fraction of a second each). */
const RUN_EVENTS = 20_000;
const RUN_DEVICE_FRAMES = 2e6;

const dir = tempDir('fuota-fuzz');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const examplesDir = join(repoRoot, 'scenarios');
const examples: Array<{ name: string; value: unknown }> = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => ({ name: f, value: JSON.parse(readFileSync(join(examplesDir, f), 'utf8')) as unknown }));

type Path = Array<string | number>;

/** Every path in a JSON value (the root included), depth first. */
function paths(v: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Values that have broken parsers and loaders before. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    -1, 0, -0, 1e-7, 1e308, -1e308, 2 ** 53, 4_294_967_296, 1e21, 0.5, '', ' ', '.', '..', 'con', '-rf', '.tmp-x-1-deadbeef',
    '\u001b[2J', 'a\nb', 'x'.repeat(5000), true, null, [], {}, [[]], 'ClassB', 'EU868', 'v2', 'after-setup',
  ),
  fc.integer({ min: 50, max: 3000 }).map(nested),
);
const nastyKey: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'sweep', 'name', 'devices.count', 'fuotaTask.redundancyPercent', ''),
);

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
  // defineProperty: a "__proto__" key must become data, not the object's prototype
  Object.defineProperty(cur, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return {};
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
  if (Array.isArray(cur)) cur.splice(path[path.length - 1] as number, 1);
  else delete cur[path[path.length - 1]];
  return copy;
}

type Mutant = { text: string; ext: '.json' | '.yaml' };

/** One mutation of an example: of a value, of a key, or of the text itself. */
const mutant: fc.Arbitrary<Mutant> = fc
  .tuple(fc.constantFrom(...examples), fc.nat(), fc.integer({ min: 0, max: 6 }), nasty, nastyKey, fc.nat(), fc.string({ unit: 'binary', maxLength: 8 }), fc.boolean())
  .map(([example, pick, kind, value, key, at, insert, yaml]) => {
    const all = paths(example.value);
    const path = all[pick % all.length];
    const objects = all.filter((p) => {
      let v: unknown = example.value;
      for (const s of p) v = (v as Record<string | number, unknown>)[s];
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    let value2: unknown = example.value;
    if (kind <= 2) value2 = setAt(example.value, path, value);
    else if (kind === 3) value2 = deleteAt(example.value, path);
    else if (kind === 4) value2 = setAt(example.value, [...objects[pick % objects.length], key], value);
    const json = JSON.stringify(value2, null, 2);
    let asYaml: string | null = null;
    try {
      asYaml = yaml && kind !== 5 && kind !== 6 ? toYaml(value2) : null;
    } catch {
      asYaml = null; // the yaml library cannot write values thousands deep; such a mutant stays JSON
    }
    if (asYaml !== null) return { text: asYaml, ext: '.yaml' as const };
    const text = json;
    if (kind === 5) return { text: text.slice(0, at % (text.length + 1)), ext: '.json' as const };
    if (kind === 6) {
      const i = at % (text.length + 1);
      return { text: `${text.slice(0, i)}${insert}${text.slice(i)}`, ext: '.json' as const };
    }
    return { text, ext: '.json' as const };
  });

/** Exit 0 or 2, and clean output. */
function expectClean(r: CliRun, what: string): void {
  expect([0, 2], `${what}\n${r.stderr}`).toContain(r.code);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at |Warning:/);
  // eslint-disable-next-line no-control-regex
  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  for (const line of r.stderr.split('\n')) expect(line.length).toBeLessThanOrEqual(2100);
}

/** Whether a valid mutant is small enough to run here. */
function small(file: string, text: string, ext: string): boolean {
  try {
    const raw = ext === '.json' ? JSON.parse(text) : undefined;
    if (raw === undefined || (raw as { sweep?: unknown }).sweep || (raw as { replications?: number }).replications !== undefined) return false;
    const { estimate } = resolveWithEstimate(raw, { baseDir: dir, sourceName: file });
    return estimate.events < RUN_EVENTS && estimate.deviceFrames < RUN_DEVICE_FRAMES;
  } catch {
    return false;
  }
}

describe('fuzzing the command line with mutated example scenarios', () => {
  it(`ends every validate (and every small run) in exit 0 or 2 with clean messages (${RUNS} mutants, seed ${SEED})`, async () => {
    const warn = vi.spyOn(process, 'emitWarning');
    let n = 0;
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(mutant, async ({ text, ext }) => {
        const file = join(dir, `m${n++}${ext}`);
        writeFileSync(file, text);
        const v = await runCli(['validate', file]);
        expectClean(v, `validate ${text.slice(0, 300)}`);
        if (v.code === 0 && ran < Math.max(3, RUNS / 40) && small(file, text, ext)) {
          ran++;
          const r = await runCli(['run', file, '--out', join(dir, `out${n}`), '--quiet']);
          expectClean(r, `run ${text.slice(0, 300)}`);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(warn).not.toHaveBeenCalled();
  }, Math.max(60_000, RUNS * 500));
});
