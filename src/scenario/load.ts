/**
 * Reading scenario files: JSON or YAML (by extension, else by content), then `resolveScenario`.
 * Parsing is strict and linear in the file's size (json.ts, yaml.ts); a JSON file is never re-read
 * as YAML, so every problem is reported once, at its line and column.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fsReason } from '../errors/index.js';
import { ScenarioError } from './errors.js';
import { JsonTextError, parseJsonText } from './json.js';
import { resolveScenario } from './resolve.js';
import type { ResolvedScenario } from './types.js';
import { parseYamlText } from './yaml.js';

/** Largest scenario file read, bytes (a list placement of a million devices takes about 30 MB). */
export const MAX_SCENARIO_FILE_BYTES = 256 * 2 ** 20;

export interface LoadedScenario {
  /** the file's content as parsed (with overrides applied), before defaults: the input of sweep expansion */
  raw: unknown;
  scenario: ResolvedScenario;
  /** directory of the scenario file; relative paths in it resolve against this */
  baseDir: string;
}

export interface LoadOptions {
  /** replaces the file's seed */
  seed?: number;
  /** lift the run-size limits (--allow-large) */
  allowLarge?: boolean;
  /** transmissions.csv will be written (--trace) */
  trace?: boolean;
}

/**
 * True for a JSON Schema document (its `$schema` names a json-schema.org meta-schema), such as the
 * schema of scenario files itself: `validate` skips it, the other commands say what it is.
 */
export function isJsonSchemaDocument(raw: unknown): boolean {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return false;
  const s = (raw as Record<string, unknown>).$schema;
  return typeof s === 'string' && /^https?:\/\/json-schema\.org\//.test(s);
}

/** Parses scenario text: JSON for `.json`, YAML for `.yaml`/`.yml`, otherwise JSON when it starts with "{". */
export function parseScenarioText(text: string, source: string): unknown {
  const ext = extname(source).toLowerCase();
  const body = text.replace(/^\ufeff/, '');
  const json = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && body.trimStart().startsWith('{'));
  if (json) {
    try {
      return parseJsonText(text);
    } catch (err) {
      if (err instanceof JsonTextError) throw new ScenarioError([`not valid JSON (line ${err.line}, column ${err.column}): ${err.reason}`], source);
      throw err;
    }
  }
  const { value, problems } = parseYamlText(body);
  if (problems.length > 0) throw new ScenarioError(problems, source);
  return value;
}

/** The text of a scenario file; ScenarioError when it cannot be read or is too large. */
export function readScenarioText(path: string): string {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ScenarioError(['is a folder, not a scenario file'], path);
    // a device such as /dev/zero would never end
    if (!st.isFile() && !st.isFIFO()) throw new ScenarioError(['is not a regular file'], path);
    if (st.size > MAX_SCENARIO_FILE_BYTES) {
      throw new ScenarioError([`the file has ${st.size} bytes; allowed: at most ${MAX_SCENARIO_FILE_BYTES} (256 MiB)`], path);
    }
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    throw new ScenarioError([`cannot read the scenario file (${fsReason(err)})`], path);
  }
}

/** Reads and parses a scenario file without resolving it. */
export function readScenarioFile(path: string): unknown {
  const raw = parseScenarioText(readScenarioText(path), path);
  if (isJsonSchemaDocument(raw)) {
    throw new ScenarioError(['is a JSON Schema (the schema of scenario files, for editors), not a scenario; allowed: a scenario file such as scenarios/default.json'], path);
  }
  return raw;
}

/** Reads, validates and resolves a scenario file; `opts.seed` replaces the file's seed. Throws ScenarioError. */
export function loadScenarioFile(path: string, opts: LoadOptions = {}): LoadedScenario {
  return resolveLoaded(readScenarioFile(path), path, opts);
}

/** Validates and resolves the parsed content `raw` of the scenario file `path`. Throws ScenarioError. */
export function resolveLoaded(parsed: unknown, path: string, opts: LoadOptions = {}): LoadedScenario {
  let raw = parsed;
  if (opts.seed !== undefined && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    raw = { ...(raw as Record<string, unknown>), seed: opts.seed };
  }
  const baseDir = dirname(resolve(path));
  const scenario = resolveScenario(raw, { baseDir, sourceName: path, allowLarge: opts.allowLarge, trace: opts.trace });
  return { raw, scenario, baseDir };
}
