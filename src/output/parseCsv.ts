/**
 * A small RFC 4180 CSV reader for the project's own result files (header row, comma-separated,
 * double-quoted cells with "" escapes, \n or \r\n line ends). Used to redraw plots from a results
 * folder; it is not a general-purpose parser.
 */
export interface CsvTable {
  columns: string[];
  rows: string[][];
}

export function parseCsv(text: string): CsvTable {
  if (!text.includes('"')) {
    // fast path: no quoted cells (devices.csv, transmissions.csv)
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    const [head = '', ...body] = lines;
    return { columns: head === '' ? [] : head.split(','), rows: body.map((l) => l.split(',')) };
  }
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
    } else cell += c;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    records.push(row);
  }
  const [columns = [], ...rows] = records;
  return { columns, rows };
}
