/**
 * Files a scenario refers to: paths relative to the scenario file, existence and size checks, and
 * the CSV placement reader. Every function reports problems as lines instead of throwing.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { show } from './fields.js';

export interface FileCheck {
  /** absolute path */
  path: string;
  /** size in bytes, or null when the file is missing or not a regular file */
  sizeBytes: number | null;
}

/** Resolves `given` against `baseDir` and looks the file up; adds a problem when it is missing. */
export function checkFile(fieldPath: string, given: string, baseDir: string, problems: string[]): FileCheck {
  const path = isAbsolute(given) ? given : resolve(baseDir, given);
  let sizeBytes: number | null = null;
  try {
    const st = statSync(path);
    if (st.isFile()) sizeBytes = st.size;
  } catch {
    sizeBytes = null;
  }
  if (sizeBytes === null) problems.push(`${fieldPath}: ${show(given)} is not a readable file (looked for ${path})`);
  return { path, sizeBytes };
}

const SEPARATORS = [',', ';', '\t'];

/**
 * Reads positions from a CSV file with a header row naming columns `x` and `y` (metres, any
 * case, other columns ignored; separator `,`, `;` or tab). Bad rows become problems naming the line.
 */
export function readCsvPositions(fieldPath: string, path: string, problems: string[]): Array<[number, number]> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = lines[0] ?? '';
  const sep = SEPARATORS.find((s) => header.includes(s)) ?? ',';
  const names = header.split(sep).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  const xi = names.indexOf('x');
  const yi = names.indexOf('y');
  if (xi < 0 || yi < 0) {
    problems.push(`${fieldPath}: ${path} has no header with columns x and y; allowed: a CSV file whose first line names x and y`);
    return [];
  }
  const out: Array<[number, number]> = [];
  const before = problems.length;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(sep).map((c) => c.trim().replace(/^"|"$/g, ''));
    const x = Number(cells[xi]);
    const y = Number(cells[yi]);
    if (cells[xi] === '' || cells[yi] === '' || !Number.isFinite(x) || !Number.isFinite(y)) {
      if (problems.length - before < 5) {
        problems.push(`${fieldPath}: line ${i + 1} of ${path}: ${show(lines[i].trim())} has no numeric x and y; allowed: numbers in metres`);
      }
      continue;
    }
    out.push([x, y]);
  }
  if (out.length === 0 && problems.length === before) {
    problems.push(`${fieldPath}: ${path} has no positions; allowed: at least one row of x, y`);
  }
  return out;
}
