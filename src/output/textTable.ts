/**
 * Plain-text tables for the terminal (compare, plan): columns left-aligned and padded with spaces,
 * two spaces between them, no borders. Kept ours rather than cli-table3 and its kin: box-drawing
 * borders add two lines per table and characters that CI logs and `grep`/`awk` do not need, and
 * scripts have `--json` for the same data; the whole job is this padding.
 */
export interface TextTableOptions {
  /** spaces before every line */
  indent?: number;
  /** a line of dashes under the header */
  rule?: boolean;
}

/** The table as lines joined by newlines (no trailing newline); trailing spaces trimmed. */
export function textTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>, opts: TextTableOptions = {}): string {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const pad = ' '.repeat(opts.indent ?? 0);
  const line = (cells: readonly string[]) => `${pad}${widths.map((w, j) => (cells[j] ?? '').padEnd(w)).join('  ')}`.trimEnd();
  return [line(head), ...(opts.rule ? [line(widths.map((w) => '-'.repeat(w)))] : []), ...rows.map(line)].join('\n');
}
