/**
 * vitest setup file, run in every test file's process before its tests: property tests (fast-check)
 * draw their cases from one fixed seed, so CI, every clone and every rerun check the same cases and
 * a pass does not depend on the day. FUOTA_SIM_PROPERTY_SEED=<integer> draws another set,
 * FUOTA_SIM_PROPERTY_SEED=random a fresh one per run; a failure prints the seed and path that
 * reproduce it. Tests that pass their own `seed` (test/cli/fuzz.test.ts) keep it.
 */
import fc from 'fast-check';

/** The seed property tests use by default. */
export const DEFAULT_PROPERTY_SEED = 20_261_206;

/** The seed for FUOTA_SIM_PROPERTY_SEED's value: an integer, `random` (undefined: fast-check draws one) or unset (the default). */
export function propertySeed(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return DEFAULT_PROPERTY_SEED;
  if (value === 'random') return undefined;
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`FUOTA_SIM_PROPERTY_SEED must be an integer or "random", got "${value}"`);
  }
  return seed | 0;
}

const seed = propertySeed(process.env.FUOTA_SIM_PROPERTY_SEED);
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
