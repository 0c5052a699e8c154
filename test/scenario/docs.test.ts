import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedText, FIELDS_BEGIN, FIELDS_END, replaceFieldTable, scenarioFieldTable } from '../../src/scenario/docs.js';
import { listPaths } from '../../src/scenario/paths.js';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { repoRoot } from '../helpers/shared.js';

const doc = readFileSync(join(repoRoot, 'docs/scenarios.md'), 'utf8');

describe('docs/scenarios.md', () => {
  it('holds the current field table (run `fuota-sim schema --write` after changing the schema)', () => {
    expect(replaceFieldTable(doc)).toBe(doc);
  });

  it('mentions every dotted path of the schema', () => {
    const missing = listPaths(scenarioSchema).filter((p) => !doc.includes(`\`${p}\``));
    expect(missing).toEqual([]);
  });
});

describe('the field table', () => {
  it('has one row per field with the allowed range and the default', () => {
    const rows = scenarioFieldTable().split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(listPaths(scenarioSchema).length);
    expect(rows).toContain('| `fuotaTask.redundancyPercent` | integer 0..100 | 10 | Coded fragments as a percentage of the uncoded ones, rounded up: ceil(nbFrag × r / 100) (AWS RedundancyPercent). |');
    expect(rows.find((r) => r.startsWith('| `devices.placement.minM`'))).toBe('| `devices.placement.minM` | number 0..1000000 | required | Inner radius, m. (ring only) |');
  });

  it('words JSON Schema constraints for people', () => {
    expect(allowedText({ anyOf: [{ type: 'integer', minimum: 0, maximum: 15 }, { type: 'null' }] })).toBe('integer 0..15 or null');
    expect(allowedText({ type: 'number', exclusiveMinimum: 0, maximum: 10 })).toBe('number > 0, ≤ 10');
    expect(allowedText({ type: 'array', minItems: 1, maxItems: 20, items: { type: 'integer', minimum: 0, maximum: 999 } }))
      .toBe('list of 1..20 × integer 0..999');
    expect(allowedText({ enum: ['v1', 'v2'] })).toBe('"v1", "v2"');
  });

  it('is replaced only between its markers', () => {
    const text = `intro\n${FIELDS_BEGIN}\nold\n${FIELDS_END}\noutro\n`;
    const out = replaceFieldTable(text) ?? '';
    expect(out.startsWith(`intro\n${FIELDS_BEGIN}\n| field |`)).toBe(true);
    expect(out.endsWith(`${FIELDS_END}\noutro\n`)).toBe(true);
    expect(replaceFieldTable('no markers')).toBeNull();
  });
});
