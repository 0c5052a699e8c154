/**
 * Reading scenario files: JSON or YAML (by extension, else by content), then `resolveScenario`.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ScenarioError } from './errors.js';
import { resolveScenario } from './resolve.js';
import type { ResolvedScenario } from './types.js';

export interface LoadedScenario {
  /** the file's content as parsed (with overrides applied), before defaults: the input of sweep expansion */
  raw: unknown;
  scenario: ResolvedScenario;
  /** directory of the scenario file; relative paths in it resolve against this */
  baseDir: string;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Where JSON.parse failed: from its message when it says, else where the YAML parser (a JSON superset) stops. */
function jsonErrorOffset(text: string, message: string): number | null {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  const err = parseDocument(text, { prettyErrors: false }).errors[0];
  return err ? err.pos[0] : null;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');
    const offset = jsonErrorOffset(text, msg);
    const where = offset === null ? '' : ` (${lineAndColumn(text, offset)})`;
    throw new ScenarioError([`not valid JSON${where}: ${msg}`], source);
  }
}

function parseYaml(text: string, source: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => `not valid YAML (${lineAndColumn(text, e.pos[0])}): ${e.message.split('\n')[0]}`),
      source,
    );
  }
  return doc.toJS();
}

/** Parses scenario text: JSON for `.json`, YAML for `.yaml`/`.yml`, otherwise JSON when it starts with "{". */
export function parseScenarioText(text: string, source: string): unknown {
  const ext = extname(source).toLowerCase();
  const json = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && text.trimStart().startsWith('{'));
  return json ? parseJson(text, source) : parseYaml(text, source);
}

/** Reads, validates and resolves a scenario file; `overrides.seed` replaces the file's seed. Throws ScenarioError. */
export function loadScenarioFile(path: string, overrides: { seed?: number } = {}): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ScenarioError([`cannot read the scenario file (${code})`], path);
  }
  let raw = parseScenarioText(text, path);
  if (overrides.seed !== undefined && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    raw = { ...(raw as Record<string, unknown>), seed: overrides.seed };
  }
  const baseDir = dirname(resolve(path));
  return { raw, scenario: resolveScenario(raw, { baseDir, sourceName: path }), baseDir };
}
