/**
 * The shell of a report page: styles, headline cards, one section per plot with its explanation,
 * the inlined vega libraries and a small script that draws every chart as SVG and shows tooltips.
 * Everything is in the one file, so the page works offline.
 */
import type { PlotEntry } from '../plots/index.js';
import { vegaBrowserScripts } from './assets.js';
import { REPORT_CSS } from './style.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** JSON that is safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface HeadlineCard {
  label: string;
  value: string;
  note?: string;
}

export function headlineHtml(cards: HeadlineCard[]): string {
  const items = cards.map(
    (c) =>
      `<div class="card"><div class="label">${escapeHtml(c.label)}</div><div class="value">${escapeHtml(c.value)}</div>` +
      (c.note ? `<div class="note">${escapeHtml(c.note)}</div>` : '') +
      '</div>',
  );
  return `<section class="headline">${items.join('')}</section>`;
}

/** A table of rows; cells are escaped text. */
export function tableHtml(columns: string[], rows: string[][], className = 'data'): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table class="${className}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

export function detailsHtml(summary: string, inner: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>${inner}</details>`;
}

/** Draws every chart (vega-lite compiled in the page) and shows tooltips in a floating box. */
const BOOT = `(function () {
  var entries = JSON.parse(document.getElementById('fuota-specs').textContent);
  var tip = document.createElement('div');
  tip.className = 'tip';
  document.body.appendChild(tip);
  function esc(s) { return String(s).replace(/[&<>]/g, function (c) { return c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'; }); }
  function tooltip(handler, event, item, value) {
    if (value == null || value === '') { tip.style.display = 'none'; return; }
    var rows = typeof value === 'object'
      ? Object.keys(value).map(function (k) { return '<tr><th>' + esc(k) + '</th><td>' + esc(value[k]) + '</td></tr>'; }).join('')
      : '<tr><td>' + esc(value) + '</td></tr>';
    tip.innerHTML = '<table>' + rows + '</table>';
    tip.style.display = 'block';
    var x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = x + 'px';
    tip.style.top = (event.clientY + 14) + 'px';
  }
  var runs = entries.map(function (entry) {
    var el = document.getElementById('chart-' + entry.name);
    try {
      var view = new vega.View(vega.parse(vegaLite.compile(entry.spec).spec), { renderer: 'svg', container: el, hover: true, tooltip: tooltip });
      return view.runAsync().then(function () { el.setAttribute('data-rendered', 'true'); });
    } catch (err) {
      el.textContent = 'This chart could not be drawn: ' + err.message;
      console.error(err);
      return Promise.resolve();
    }
  });
  Promise.all(runs).then(function () { document.body.setAttribute('data-charts-ready', 'true'); });
})();`;

export interface PageParts {
  title: string;
  subtitle: string;
  metaLine: string;
  /** trusted HTML built with the helpers above */
  headline: string;
  plots: PlotEntry[];
  /** trusted HTML after the plots (tables, scenario) */
  tail: string;
  footer: string;
}

/** The chart carries its own title; the caption under it says how to read it. */
function plotSection(p: PlotEntry): string {
  return (
    `<figure class="plot" aria-label="${escapeHtml(p.title)}"><div class="chart" id="chart-${escapeHtml(p.name)}" data-plot="${escapeHtml(p.name)}"></div>` +
    `<figcaption class="explain">${escapeHtml(p.description)}</figcaption></figure>`
  );
}

export function reportPage(parts: PageParts): string {
  const specs = parts.plots.map((p) => ({ name: p.name, spec: p.spec }));
  const libs = vegaBrowserScripts().map((s) => `<script>${s}</script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(parts.title)}</h1><p class="subtitle">${escapeHtml(parts.subtitle)}</p><p class="meta">${escapeHtml(parts.metaLine)}</p></header>
${parts.headline}
<noscript><p class="explain">The charts need JavaScript; the same plots are saved as SVG files next to this page.</p></noscript>
${parts.plots.map(plotSection).join('\n')}
${parts.tail}
<footer>${escapeHtml(parts.footer)}</footer>
</main>
${libs}
<script type="application/json" id="fuota-specs">${scriptJson(specs)}</script>
<script>${BOOT}</script>
</body>
</html>
`;
}
