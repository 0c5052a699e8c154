/**
 * Reads tables of the shared reference sheet (lorawan-facts.md) for cross-checks. Only called inside
 * `describeShared` suites, so the sheet is present.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../helpers/shared.js';

export function referenceSheet(): string {
  if (!sharedDir) throw new Error('shared folder not available');
  return readFileSync(join(sharedDir, 'reference', 'lorawan-facts.md'), 'utf8').replace(/\u2212/g, '-');
}

/** The section that starts with the heading line containing `heading`, up to the next heading. */
export function section(sheet: string, heading: string): string {
  const start = sheet.indexOf(heading);
  if (start < 0) throw new Error(`heading not found: ${heading}`);
  const rest = sheet.slice(start + heading.length);
  const end = rest.search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Body rows (cells trimmed) of the first markdown table in `text`. */
export function firstTable(text: string): string[][] {
  const lines = text.split('\n').map((l) => l.trim());
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (let i = first + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(lines[i].slice(1, -1).split('|').map((c) => c.trim()));
  }
  return rows;
}

/** The numbers in a string such as "−120, −123, −125 dBm" (unicode minus already replaced). */
export function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
}
