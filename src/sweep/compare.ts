/**
 * Regression compare: two result summaries (a summary.json, a summary.csv, or a result folder of a
 * single run or a sweep) metric by metric, each within a tolerance in percent. Timing is never
 * compared: only the deterministic metrics of SUMMARY_COLUMNS are (status counts as status<Name>).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { SUMMARY_COLUMNS, flattenStatusCounts } from '../sim/types.js';
import { parseCsv } from '../output/parseCsv.js';
import { MANIFEST_FILE } from './manifest.js';

export type MetricValue = number | null;
export type MetricRow = Record<string, MetricValue>;

/** A loaded summary: one row (kind 'single', key '') or one row per run id (kind 'sweep'). */
export interface SummarySet {
  kind: 'single' | 'sweep';
  /** the file the values came from */
  file: string;
  rows: Map<string, MetricRow>;
}

/** Unreadable or mismatched inputs (the CLI exits 2). */
export class CompareInputError extends Error {
  override name = 'CompareInputError';
}

const METRICS: readonly string[] = SUMMARY_COLUMNS;

function metricsOf(obj: Record<string, unknown>, where: string): MetricRow {
  const row: MetricRow = {};
  for (const m of METRICS) {
    if (!(m in obj)) continue;
    const v = obj[m];
    if (v === null || v === '') row[m] = null;
    else if (typeof v === 'number' || (typeof v === 'string' && Number.isFinite(Number(v)))) row[m] = Number(v);
    else throw new CompareInputError(`${where}: ${m} is not a number (${JSON.stringify(v)})`);
  }
  if (Object.keys(row).length === 0) throw new CompareInputError(`${where}: holds none of the summary metrics`);
  return row;
}

function loadJson(file: string): SummarySet {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CompareInputError(`${file}: not readable JSON (${(err as Error).message})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CompareInputError(`${file}: expected a JSON object of summary metrics`);
  }
  const obj = data as Record<string, unknown>;
  const inner = obj.summary && typeof obj.summary === 'object' ? (obj.summary as Record<string, unknown>) : obj;
  return { kind: 'single', file, rows: new Map([['', metricsOf(flattenStatusCounts(inner), file)]]) };
}

/** Rows of a CSV file as objects keyed by its header. */
export function readCsvObjects(file: string): { columns: string[]; rows: Array<Record<string, string>> } {
  const { columns, rows } = parseCsv(readFileSync(file, 'utf8'));
  return {
    columns,
    rows: rows.map((cells, k) => {
      if (cells.length !== columns.length) {
        throw new CompareInputError(`${file}: row ${k + 2} has ${cells.length} cells, the header has ${columns.length}`);
      }
      return Object.fromEntries(columns.map((c, j) => [c, cells[j]]));
    }),
  };
}

function loadCsv(file: string): SummarySet {
  const parsed = readCsvObjects(file);
  const rows = new Map<string, MetricRow>();
  if (!parsed.columns.includes('runId')) {
    if (parsed.rows.length !== 1) throw new CompareInputError(`${file}: no runId column and not exactly one row`);
    return { kind: 'single', file, rows: new Map([['', metricsOf(parsed.rows[0], file)]]) };
  }
  for (const r of parsed.rows) {
    if (rows.has(r.runId)) throw new CompareInputError(`${file}: run ${r.runId} appears twice`);
    rows.set(r.runId, metricsOf(r, `${file} (run ${r.runId})`));
  }
  return { kind: 'sweep', file, rows };
}

/** Loads a summary.json, a summary.csv, or the summary inside a result folder. */
export function loadSummarySet(path: string): SummarySet {
  if (!existsSync(path)) throw new CompareInputError(`${path}: no such file or folder`);
  let file = path;
  if (statSync(path).isDirectory()) {
    const csv = join(path, 'summary.csv');
    const json = join(path, 'summary.json');
    if (existsSync(join(path, MANIFEST_FILE)) && existsSync(csv)) file = csv;
    else if (existsSync(json)) file = json;
    else if (existsSync(csv)) file = csv;
    else throw new CompareInputError(`${path}: holds neither summary.json nor summary.csv`);
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return loadJson(file);
  if (ext === '.csv') return loadCsv(file);
  throw new CompareInputError(`${file}: expected a .json or .csv summary, or a result folder`);
}

/** Tolerances in percent per metric; `*` sets the default for every metric. */
export type Tolerances = Record<string, number>;

/** Parses `metric=percent` items (e.g. `timeTo95S=5`, `*=0.1`); throws a list of problems. */
export function parseTolerances(items: readonly string[]): Tolerances {
  const out: Tolerances = {};
  const problems: string[] = [];
  for (const item of items) {
    const m = /^([A-Za-z0-9*]+)=(\d+(?:\.\d+)?(?:e[-+]?\d+)?)%?$/.exec(item.trim());
    if (!m) {
      problems.push(`--tolerance ${item}: expected metric=percent, e.g. timeTo95S=5`);
      continue;
    }
    if (m[1] !== '*' && !METRICS.includes(m[1])) {
      problems.push(`--tolerance ${item}: unknown metric ${m[1]} (known: ${METRICS.join(', ')})`);
      continue;
    }
    out[m[1]] = Number(m[2]);
  }
  if (problems.length > 0) throw new CompareInputError(problems.join('\n'));
  return out;
}

export type Verdict = 'ok' | 'CHANGED' | 'MISSING';

export interface CompareRow {
  /** run id for sweeps, '' for a single run */
  run: string;
  metric: string;
  baseline: MetricValue | undefined;
  current: MetricValue | undefined;
  /** (current − baseline) / |baseline| × 100; ±Infinity from 0; null when either has no value */
  changePercent: number | null;
  tolerancePercent: number;
  verdict: Verdict;
}

function change(b: MetricValue, c: MetricValue): number | null {
  if (b === null || c === null) return b === c ? 0 : null;
  if (b === c) return 0;
  if (b === 0) return c > 0 ? Infinity : -Infinity;
  return ((c - b) / Math.abs(b)) * 100;
}

/** Every (run, metric) pair compared; throws CompareInputError when the inputs do not match. */
export function compareSummaries(base: SummarySet, cur: SummarySet, tol: Tolerances = {}): CompareRow[] {
  if (base.kind !== cur.kind) {
    throw new CompareInputError(`cannot compare a ${base.kind} result (${base.file}) with a ${cur.kind} result (${cur.file})`);
  }
  const onlyBase = [...base.rows.keys()].filter((k) => !cur.rows.has(k));
  const onlyCur = [...cur.rows.keys()].filter((k) => !base.rows.has(k));
  if (onlyBase.length + onlyCur.length > 0) {
    const parts = [];
    if (onlyBase.length) parts.push(`only in the baseline: ${onlyBase.join(', ')}`);
    if (onlyCur.length) parts.push(`only in the current result: ${onlyCur.join(', ')}`);
    throw new CompareInputError(`the runs differ (${parts.join('; ')})`);
  }
  const rows: CompareRow[] = [];
  for (const [run, b] of base.rows) {
    const c = cur.rows.get(run) as MetricRow;
    for (const metric of METRICS) {
      if (!(metric in b) && !(metric in c)) continue;
      const tolerancePercent = tol[metric] ?? tol['*'] ?? 0;
      const bv = b[metric];
      const cv = c[metric];
      if (bv === undefined || cv === undefined) {
        rows.push({ run, metric, baseline: bv, current: cv, changePercent: null, tolerancePercent, verdict: 'MISSING' });
        continue;
      }
      const ch = change(bv, cv);
      const ok = ch !== null && Math.abs(ch) <= tolerancePercent;
      rows.push({ run, metric, baseline: bv, current: cv, changePercent: ch, tolerancePercent, verdict: ok ? 'ok' : 'CHANGED' });
    }
  }
  return rows;
}

function cell(v: MetricValue | undefined): string {
  if (v === undefined) return '(missing)';
  return v === null ? '(none)' : String(v);
}

function changeCell(ch: number | null): string {
  if (ch === null) return 'n/a';
  if (ch === 0) return '0';
  if (!Number.isFinite(ch)) return ch > 0 ? '+inf' : '-inf';
  return `${ch > 0 ? '+' : ''}${Math.abs(ch) < 0.01 ? ch.toExponential(2) : ch.toFixed(2)}`;
}

/** A plain-text table: (run,) metric, baseline, current, change %, tolerance %, verdict. */
export function formatCompareTable(rows: readonly CompareRow[], opts: { changesOnly?: boolean } = {}): string {
  const sweep = rows.some((r) => r.run !== '');
  const shown = opts.changesOnly ? rows.filter((r) => r.verdict !== 'ok' || r.changePercent !== 0) : rows;
  if (shown.length === 0 && opts.changesOnly) return '';
  const head = [...(sweep ? ['run'] : []), 'metric', 'baseline', 'current', 'change %', 'tolerance %', 'verdict'];
  const body = shown.map((r) => [
    ...(sweep ? [r.run] : []),
    r.metric, cell(r.baseline), cell(r.current), changeCell(r.changePercent), String(r.tolerancePercent), r.verdict,
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}

/**
 * `--update`: copies the current summary file over the baseline's (or, when there is no baseline
 * yet, to the baseline path: a file path, or a folder — new or without a summary — that gets the
 * current file's name).
 * Returns the path written.
 */
export function updateBaseline(baselinePath: string, current: SummarySet): string {
  let target: string;
  const emptyFolder = existsSync(baselinePath) && statSync(baselinePath).isDirectory() &&
    !['summary.json', 'summary.csv'].some((f) => existsSync(join(baselinePath, f)));
  if (emptyFolder) {
    target = join(baselinePath, basename(current.file));
  } else if (existsSync(baselinePath)) {
    const base = loadSummarySet(baselinePath);
    if (base.kind !== current.kind || extname(base.file) !== extname(current.file)) {
      throw new CompareInputError(`cannot replace ${base.file} (${base.kind}) with ${current.file} (${current.kind})`);
    }
    target = base.file;
  } else {
    target = extname(baselinePath) ? baselinePath : join(baselinePath, basename(current.file));
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(current.file, target);
  return target;
}
