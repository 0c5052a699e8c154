import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareSummaries,
  CompareInputError,
  formatCompareTable,
  loadSummarySet,
  parseTolerances,
  updateBaseline,
} from '../../src/sweep/compare.js';
import { SUMMARY_COLUMNS } from '../../src/sim/types.js';

const dir = mkdtempSync(join(tmpdir(), 'compare-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function put(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const base = { devices: 100, devicesUpdated: 95, updatedRatio: 0.95, timeTo95S: 812.5, timeToAllS: null, events: 1234 };
/** A complete summary (every metric; files must hold them all), with the values of `base`. */
const full: Record<string, number | null> = { ...Object.fromEntries(SUMMARY_COLUMNS.map((m, i) => [m, i + 0.5])), ...base };
/** summary.csv text of complete rows: runId plus every metric, `over` replacing some cells. */
function sweepCsv(rows: Array<[string, Record<string, string>]>, extra: string[] = []): string {
  const head = ['runId', ...extra, ...SUMMARY_COLUMNS];
  return [head.join(','), ...rows.map(([id, over]) => head.map((h) => (h === 'runId' ? id : over[h] ?? String(full[h] ?? ''))).join(','))].join('\n') + '\n';
}

describe('loading summaries', () => {
  it('reads a summary.json, ignoring timing and keys that are not metrics', () => {
    const set = loadSummarySet(put('a/summary.json', JSON.stringify({ ...full, wallTimeS: 3.2, name: 'x' })));
    expect(set.kind).toBe('single');
    expect(set.rows.get('')).toEqual(full);
  });

  it('reads a result folder: summary.json for a run, summary.csv by run id for a sweep', () => {
    put('run/summary.json', JSON.stringify(full));
    put('run/summary.csv', 'devices\n100\n');
    expect(loadSummarySet(join(dir, 'run')).file).toBe(join(dir, 'run', 'summary.json'));
    put('sw/sweep.json', '{}');
    put('sw/summary.csv', sweepCsv([['p00-r0', { point: '0', dlClass: 'ClassB', devices: '10', timeTo95S: '' }], ['p01-r0', { point: '1', dlClass: '"Class,C"', devices: '10', timeTo95S: '5.5' }]], ['point', 'dlClass']));
    const set = loadSummarySet(join(dir, 'sw'));
    expect(set.kind).toBe('sweep');
    expect([...set.rows.entries()]).toEqual([
      ['p00-r0', { ...full, devices: 10, timeTo95S: null }],
      ['p01-r0', { ...full, devices: 10, timeTo95S: 5.5 }],
    ]);
  });

  it('refuses missing, unreadable, incomplete and non-numeric inputs (exit 2: malformed, not a regression)', () => {
    expect(() => loadSummarySet(join(dir, 'nope'))).toThrow(CompareInputError);
    expect(() => loadSummarySet(put('bad.json', '{"devices": '))).toThrow(/not valid JSON \(line 1, column 13\)/);
    expect(() => loadSummarySet(put('empty.json', '{"foo": 1}'))).toThrow(/none of the summary metrics/);
    expect(() => loadSummarySet(put('part.json', JSON.stringify(base)))).toThrow(/lacks \d+ of the \d+ summary metrics/);
    expect(() => loadSummarySet(put('txt.json', JSON.stringify({ ...full, devices: 'many' })))).toThrow(/devices is "many", not a number/);
    // a blank cell is not 0
    expect(() => loadSummarySet(put('blank.csv', sweepCsv([['p00-r0', { devices: ' ' }]])))).toThrow(/devices is " ", not a number/);
    expect(() => loadSummarySet(put('hex.csv', sweepCsv([['p00-r0', { devices: '0x10' }]])))).toThrow(/devices is "0x10", not a number/);
    expect(() => loadSummarySet(put('ragged.csv', 'runId,devices\np0,1,2\n'))).toThrow(/row 2 has 3 cells/);
    expect(() => loadSummarySet(put('dup.csv', 'runId,devices,devices\np0,1,2\n'))).toThrow(/column "devices" appears twice/);
    const folder = join(dir, 'is-a-folder.json');
    mkdirSync(folder, { recursive: true });
    expect(() => loadSummarySet(join(folder, 'summary.json'))).toThrow(CompareInputError);
  });
});

describe('comparing', () => {
  const single = (row: Record<string, number | null>) => ({ kind: 'single' as const, file: 'x.json', rows: new Map([['', row]]) });

  it('passes identical summaries and reports every metric as ok with 0 % change', () => {
    const rows = compareSummaries(single(base), single({ ...base }));
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.verdict === 'ok' && r.changePercent === 0)).toBe(true);
  });

  it('flags a change beyond a zero default tolerance and accepts it within a given one', () => {
    const cur = single({ ...base, timeTo95S: 820.625 });
    const row = compareSummaries(single(base), cur).find((r) => r.metric === 'timeTo95S');
    expect(row).toMatchObject({ verdict: 'CHANGED', changePercent: 1 });
    expect(compareSummaries(single(base), cur, { timeTo95S: 1 }).every((r) => r.verdict === 'ok')).toBe(true);
    expect(compareSummaries(single(base), cur, { '*': 0.5 }).find((r) => r.metric === 'timeTo95S')?.verdict).toBe('CHANGED');
  });

  it('treats a value that appears or disappears as a change, and a change from 0 as infinite', () => {
    const rows = compareSummaries(single({ timeToAllS: null, uplinks: 0 }), single({ timeToAllS: 900, uplinks: 3 }), { '*': 1000 });
    expect(rows.map((r) => [r.metric, r.changePercent, r.verdict])).toEqual([
      ['timeToAllS', null, 'CHANGED'],
      ['uplinks', Infinity, 'CHANGED'],
    ]);
  });

  it('marks a metric present on one side only as missing', () => {
    const rows = compareSummaries(single({ devices: 1 }), single({ devices: 1, events: 9 }));
    expect(rows.find((r) => r.metric === 'events')?.verdict).toBe('MISSING');
  });

  it('refuses a single run against a sweep, and sweeps with different runs', () => {
    const sweep = (ids: string[]) => ({ kind: 'sweep' as const, file: 's.csv', rows: new Map(ids.map((id) => [id, { devices: 1 }])) });
    expect(() => compareSummaries(single(base), sweep(['p00-r0']))).toThrow(/single result.*sweep result/);
    expect(() => compareSummaries(sweep(['p00-r0', 'p01-r0']), sweep(['p00-r0', 'p02-r0']))).toThrow(
      /only in the baseline: "p01-r0"; only in the current result: "p02-r0"/,
    );
  });

  it('prints an aligned table with the verdict last', () => {
    const text = formatCompareTable(compareSummaries(single({ devices: 100 }), single({ devices: 110 })));
    expect(text.split('\n')[0]).toMatch(/^metric\s+baseline\s+current\s+change %\s+tolerance %\s+verdict$/);
    expect(text).toMatch(/devices\s+100\s+110\s+\+10\.00\s+0\s+CHANGED/);
    const same = compareSummaries(single({ devices: 100, events: 5 }), single({ devices: 100, events: 6 }), { events: 50 });
    expect(formatCompareTable(same, { changesOnly: true }).split('\n').slice(2, -1)).toEqual([
      expect.stringMatching(/^events\s+5\s+6\s+\+20\.00\s+50\s+ok$/),
    ]);
    expect(formatCompareTable(same.slice(0, 1), { changesOnly: true })).toBe('');
  });
});

describe('tolerances and update', () => {
  it('parses metric=percent items and a * default', () => {
    expect(parseTolerances(['timeTo95S=5', '*=0.5%'])).toEqual({ timeTo95S: 5, '*': 0.5 });
    expect(() => parseTolerances(['speed=5', 'timeTo95S'])).toThrow(/unknown metric "speed"[\s\S]*expected metric=percent/);
  });

  it('rewrites the baseline with the current file, or creates it; an old, incomplete baseline too', async () => {
    const b = put('u/base/summary.json', JSON.stringify(base));
    const c = put('u/cur/summary.json', JSON.stringify({ ...full, events: 1 }));
    expect(await updateBaseline(join(dir, 'u', 'base'), loadSummarySet(c))).toBe(b);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(c, 'utf8'));
    const created = await updateBaseline(join(dir, 'u', 'new'), loadSummarySet(c));
    expect(created).toBe(join(dir, 'u', 'new', 'summary.json'));
    put('u/fresh/scenario.json', '{}');
    expect(await updateBaseline(join(dir, 'u', 'fresh'), loadSummarySet(c))).toBe(join(dir, 'u', 'fresh', 'summary.json'));
    const csv = put('u/cur.csv', sweepCsv([['p00-r0', {}]]));
    await expect(updateBaseline(b, loadSummarySet(csv))).rejects.toThrow(/cannot replace/);
  });
});
