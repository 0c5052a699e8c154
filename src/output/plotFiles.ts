/** The plot files of a results folder: `<name>.vl.json` (vega-lite spec) and `<name>.svg`, plus report.html. */
import type { FileData } from './atomic.js';
import { roundDeep, stableJson } from './format.js';
import { runPlots, type VlSpec } from './plots/index.js';
import { sessionStartFromPhases, type RunPlotData } from './plotData.js';
import { buildReportHtml, type ReportInput } from './report.js';

export type PlotFormat = 'svg' | 'vl';

export interface PlotFileOptions {
  /** write the plots: `svg` writes specs and SVG, `vl` specs only; null writes no plot files */
  format: PlotFormat | null;
  report: boolean;
}

/** The plot and report files of a run, as [file name, content] in writing order. */
export async function plotFiles(input: ReportInput, data: RunPlotData, opts: PlotFileOptions): Promise<Array<[string, FileData]>> {
  if (opts.format === null && !opts.report) return [];
  const plots = runPlots(data);
  const files: Array<[string, FileData]> = [];
  // vega loads only when SVG is drawn: a sweep's worker threads, which write no plots, never pay for it
  const renderSvg = opts.format === 'svg' ? (await import('./svg.js')).renderSvg : null;
  if (opts.format !== null) {
    for (const p of plots) {
      const spec = roundDeep(p.spec) as VlSpec; // exactly what the .vl.json file holds
      files.push([`${p.name}.vl.json`, stableJson(spec)]);
      if (renderSvg) files.push([`${p.name}.svg`, await renderSvg(spec)]);
    }
  }
  if (opts.report) files.push(['report.html', buildReportHtml(input, plots, sessionStartFromPhases(data.phases))]);
  return files;
}
