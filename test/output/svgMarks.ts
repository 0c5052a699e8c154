/** Counting the marks vega drew in an SVG, for the plot tests. */

/** Number of items in the data-driven mark groups (`role-mark`) of one vega mark type. */
export function countMarks(svg: string, markType: 'symbol' | 'line' | 'area' | 'rect' | 'rule' | 'text'): number {
  const tag = markType === 'rule' ? '<line' : markType === 'text' ? '<text' : '<path';
  const groups = svg.match(new RegExp(`<g class="mark-${markType} role-mark[^"]*"[^>]*>([\\s\\S]*?)</g>`, 'g')) ?? [];
  return groups.reduce((n, g) => n + (g.split(tag).length - 1), 0);
}

/** The visible text of the SVG's title. */
export function svgTitle(svg: string): string | undefined {
  return /role-title-text"[^>]*>(?:<text[^>]*>)([^<]*)</.exec(svg)?.[1];
}
