/**
 * Regression compare: two result summaries (a summary.json, a summary.csv, or a result folder of a
 * single run or a sweep) metric by metric, each within a tolerance in percent. Timing is never
 * compared: only the deterministic metrics of SUMMARY_COLUMNS are (status counts as status<Name>).
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { SUMMARY_COLUMNS, flattenCounts } from '../sim/types.js';
import { fsReason, InputError, quote, showPath, showValue } from '../errors/index.js';
import { writeFileAtomic } from '../output/atomic.js';
import { parseCsv } from '../output/parseCsv.js';
import { checkOutputFile } from '../output/target.js';
import { textTable } from '../output/textTable.js';
import { readJsonFile } from '../scenario/json.js';
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

/** Unreadable, malformed or mismatched inputs (the CLI exits 2). */
export class CompareInputError extends InputError {
  override name = 'CompareInputError';
}

const METRICS: readonly string[] = SUMMARY_COLUMNS;
/** A number as result files write it (a CSV cell or a JSON string): no blanks, no hex, no words. */
const NUMBER_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** One metric value: a finite number, or null for "no value" (JSON null, an empty CSV cell). */
function metricValue(v: unknown, m: string, where: string): number | null {
  if (v === null || v === '') return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && NUMBER_TEXT.test(v)) return Number(v);
  throw new CompareInputError(`${where}: ${m} is ${showValue(v)}, not a number; allowed: a number, or an empty value`);
}

/**
 * Every summary metric of `obj` as a number or null; an object of numbers (counts by name) adds one
 * value per key, `<metric>.<key>`. A summary lacking metrics is malformed, not a regression.
 */
function metricsOf(obj: Record<string, unknown>, where: string): MetricRow {
  const row: MetricRow = {};
  const missing = METRICS.filter((m) => !Object.hasOwn(obj, m));
  if (missing.length === METRICS.length) throw new CompareInputError(`${where}: holds none of the summary metrics; allowed: a summary.json or summary.csv written by fuota-sim`);
  if (missing.length > 0) {
    const list = missing.length > 6 ? `${missing.slice(0, 6).join(', ')} and ${missing.length - 6} more` : missing.join(', ');
    throw new CompareInputError(
      `${where}: lacks ${missing.length} of the ${METRICS.length} summary metrics (${list}): damaged, or written by another version of fuota-sim; ` +
        'if it is an older baseline, accept the current result with --update',
    );
  }
  for (const m of METRICS) {
    const v = obj[m];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) row[`${m}.${k}`] = metricValue(x, `${m}.${k}`, where);
    } else {
      row[m] = metricValue(v, m, where);
    }
  }
  return row;
}

function loadJson(file: string): SummarySet {
  let data: unknown;
  try {
    data = readJsonFile(file);
  } catch (err) {
    if (err instanceof InputError) throw new CompareInputError(err.problems);
    throw err;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CompareInputError(`${showPath(file)}: expected a JSON object of summary metrics`);
  }
  const obj = data as Record<string, unknown>;
  const inner = obj.summary && typeof obj.summary === 'object' ? (obj.summary as Record<string, unknown>) : obj;
  return { kind: 'single', file, rows: new Map([['', metricsOf(flattenCounts(inner), showPath(file))]]) };
}

/** Rows of a CSV file as objects keyed by its header. */
export function readCsvObjects(file: string): { columns: string[]; rows: Array<Record<string, string>> } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CompareInputError(`${showPath(file)}: cannot read it (${fsReason(err)})`);
  }
  const { columns, rows } = parseCsv(text);
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined) throw new CompareInputError(`${showPath(file)}: the column ${quote(dup)} appears twice`);
  return {
    columns,
    rows: rows.map((cells, k) => {
      if (cells.length !== columns.length) {
        throw new CompareInputError(`${showPath(file)}: row ${k + 2} has ${cells.length} cells, the header has ${columns.length}`);
      }
      return Object.fromEntries(columns.map((c, j) => [c, cells[j]]));
    }),
  };
}

function loadCsv(file: string): SummarySet {
  const parsed = readCsvObjects(file);
  const rows = new Map<string, MetricRow>();
  if (!parsed.columns.includes('runId')) {
    if (parsed.rows.length !== 1) throw new CompareInputError(`${showPath(file)}: no runId column and not exactly one row`);
    return { kind: 'single', file, rows: new Map([['', metricsOf(parsed.rows[0], showPath(file))]]) };
  }
  for (const r of parsed.rows) {
    if (rows.has(r.runId)) throw new CompareInputError(`${showPath(file)}: run ${quote(r.runId)} appears twice`);
    rows.set(r.runId, metricsOf(r, `${showPath(file)} (run ${quote(r.runId)})`));
  }
  return { kind: 'sweep', file, rows };
}

/** The summary file a path names: itself, or the summary inside a result folder. */
function summaryFileOf(path: string): string {
  if (!existsSync(path)) throw new CompareInputError(`${showPath(path)}: no such file or folder`);
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    throw new CompareInputError(`${showPath(path)}: cannot read it (${fsReason(err)})`);
  }
  if (!isDir) return path;
  const csv = join(path, 'summary.csv');
  const json = join(path, 'summary.json');
  if (existsSync(join(path, MANIFEST_FILE)) && existsSync(csv)) return csv;
  if (existsSync(json)) return json;
  if (existsSync(csv)) return csv;
  throw new CompareInputError(`${showPath(path)}: holds neither summary.json nor summary.csv`);
}

/** Loads a summary.json, a summary.csv, or the summary inside a result folder. */
export function loadSummarySet(path: string): SummarySet {
  const file = summaryFileOf(path);
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return loadJson(file);
  if (ext === '.csv') return loadCsv(file);
  throw new CompareInputError(`${showPath(file)}: expected a .json or .csv summary, or a result folder`);
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
      problems.push(`--tolerance ${quote(item)}: expected metric=percent, e.g. timeTo95S=5`);
      continue;
    }
    if (m[1] !== '*' && !METRICS.includes(m[1])) {
      problems.push(`--tolerance ${quote(item)}: unknown metric ${quote(m[1])} (known: ${METRICS.join(', ')})`);
      continue;
    }
    out[m[1]] = Number(m[2]);
  }
  if (problems.length > 0) throw new CompareInputError(problems);
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
    throw new CompareInputError(`cannot compare a ${base.kind} result (${showPath(base.file)}) with a ${cur.kind} result (${showPath(cur.file)})`);
  }
  const onlyBase = [...base.rows.keys()].filter((k) => !cur.rows.has(k));
  const onlyCur = [...cur.rows.keys()].filter((k) => !base.rows.has(k));
  if (onlyBase.length + onlyCur.length > 0) {
    const parts = [];
    const list = (ids: string[]) => `${ids.slice(0, 10).map((id) => quote(id, 40)).join(', ')}${ids.length > 10 ? `, ... (${ids.length})` : ''}`;
    if (onlyBase.length) parts.push(`only in the baseline: ${list(onlyBase)}`);
    if (onlyCur.length) parts.push(`only in the current result: ${list(onlyCur)}`);
    throw new CompareInputError(`the runs differ (${parts.join('; ')})`);
  }
  const rows: CompareRow[] = [];
  for (const [run, b] of base.rows) {
    const c = cur.rows.get(run) as MetricRow;
    for (const metric of [...new Set([...Object.keys(b), ...Object.keys(c)])]) {
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
  return `${textTable(head, body, { rule: true })}\n`;
}

/**
 * `--update`: writes the current summary file over the baseline's (or, when there is no baseline
 * yet, to the baseline path: a file path, or a folder — new or without a summary — that gets the
 * current file's name). The old baseline need not be readable: replacing it is the remedy. Written
 * atomically; only a regular file is replaced. Returns the path written.
 */
export async function updateBaseline(baselinePath: string, current: SummarySet): Promise<string> {
  let target: string;
  const isFolder = existsSync(baselinePath) && statSync(baselinePath).isDirectory();
  const emptyFolder = isFolder && !['summary.json', 'summary.csv'].some((f) => existsSync(join(baselinePath, f)));
  if (emptyFolder) {
    target = join(baselinePath, basename(current.file));
  } else if (existsSync(baselinePath)) {
    target = summaryFileOf(baselinePath);
    if (extname(target).toLowerCase() !== extname(current.file).toLowerCase()) {
      throw new CompareInputError(`cannot replace ${showPath(target)} with ${showPath(current.file)}: one is JSON, the other CSV`);
    }
  } else {
    target = extname(baselinePath) ? baselinePath : join(baselinePath, basename(current.file));
  }
  checkOutputFile(target, { overwrite: true, option: 'baseline' });
  let data: Buffer;
  try {
    data = readFileSync(current.file);
  } catch (err) {
    throw new CompareInputError(`${showPath(current.file)}: cannot read it (${fsReason(err)})`);
  }
  mkdirSync(dirname(target), { recursive: true });
  await writeFileAtomic(target, data);
  return target;
}
