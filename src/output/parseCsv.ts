/**
 * Reads the project's CSV files back (a header row, then records): for redrawing plots from a
 * results folder and for `compare`. Quoted cells (commas, quotes, line breaks inside a cell; swept
 * values in a sweep's summary.csv) are parsed by csv-parse, the reader of the csv-stringify family
 * that writes them. A file without any quote (devices.csv, dutycycle.csv: numbers and fixed tokens)
 * is split by lines and commas instead, which reads a 100 000-device devices.csv about five times
 * faster than csv-parse and gives the same cells for such text (a test checks both paths agree).
 * Records may differ in length from the header; the callers check that.
 */
import { parse } from 'csv-parse/sync';

export interface CsvTable {
  columns: string[];
  rows: string[][];
}

export function parseCsv(text: string): CsvTable {
  if (!text.includes('"')) {
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    const [head = '', ...body] = lines;
    return { columns: head === '' ? [] : head.split(','), rows: body.map((l) => l.split(',')) };
  }
  const [columns = [], ...rows] = parse(text, { relax_column_count: true }) as string[][];
  return { columns, rows };
}
