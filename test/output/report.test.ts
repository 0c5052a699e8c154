import { describe, expect, it } from 'vitest';
import { plotDataFromResult } from '../../src/output/plotData.js';
import { runPlots } from '../../src/output/plots/index.js';
import { metricVsParameter } from '../../src/output/plots/metricVsParameter.js';
import { buildReportHtml, buildSweepReportHtml } from '../../src/output/report.js';
import { sampleResult } from './sampleResult.js';

function runReport(mutate?: (r: ReturnType<typeof sampleResult>) => void): string {
  const r = sampleResult();
  mutate?.(r);
  return buildReportHtml(r, runPlots(plotDataFromResult(r)));
}

describe('run report', () => {
  it('is one offline page: vega and vega-lite inlined, no external resource', () => {
    const html = runReport();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).toContain('vegaLite'); // the vega-lite build registers this global
    expect(html.length).toBeGreaterThan(500_000);
  });

  it('shows the headline numbers of the summary', () => {
    const html = runReport();
    expect(html).toContain('<div class="label">Devices updated</div><div class="value">66.7 %</div><div class="note">2 of 3</div>');
    expect(html).toContain('<div class="label">Time to 90 %</div><div class="value">—</div><div class="note">not reached</div>');
    expect(html).toContain('<div class="value">2.37 s</div>'); // downlink airtime
    expect(html).toContain('<div class="value">0.066 %</div>'); // max duty cycle
    expect(html).toContain('<div class="value">123 mJ</div>'); // mean energy
  });

  it('says under the headline why devices were not updated, one line per reason', () => {
    const html = runReport();
    expect(html).toContain('<section class="plot reasons"><h2>Why 1 device was not updated</h2><ul><li>1 device (33.3 %) in reach, but short of fragments');
    expect(html.indexOf('class="plot reasons"')).toBeGreaterThan(html.indexOf('class="headline"'));
    const all = runReport((r) => (r.summary.reasons = { ...r.summary.reasons, missingFragments: 0 }));
    expect(all).not.toContain('class="plot reasons"');
  });

  it('has one chart container and one explanation per plot, and the resolved scenario', () => {
    const html = runReport();
    const charts = html.match(/<div class="chart" id="chart-([a-z-]+)"/g) ?? [];
    expect(charts).toHaveLength(5);
    expect(html.match(/<figcaption class="explain">/g)).toHaveLength(5);
    expect(html).toContain('Resolved scenario');
    expect(html).toContain('&quot;sample-town&quot;');
  });

  it('escapes text from the scenario', () => {
    const html = runReport((r) => {
      r.scenario.name = '<b>x</b>';
      r.scenario.description = 'a </script> b';
    });
    expect(html).toContain('FUOTA campaign: &lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('a </script> b');
    expect(html.split('</script>').length - 1).toBe(4); // two libraries, the specs, the boot script
  });

  it('gives the times to 90 % and 95 % from the session start as well, when there was one', () => {
    const r = sampleResult();
    r.summary.timeTo90S = 7200;
    const html = buildReportHtml(r, [], 1800);
    expect(html).toContain('<div class="label">Time to 90 %</div><div class="value">2 h 00 min</div><div class="note">since campaign start; 90.0 min into the session</div>');
    expect(html).toContain('<div class="label">Time to 95 %</div><div class="value">—</div><div class="note">not reached</div>');
  });

  it('is the same text for the same run', () => {
    expect(runReport()).toBe(runReport());
  });
});

describe('sweep report', () => {
  it('shows the key-metric table with links to the CSV files, the sweep plots and the counts', () => {
    const plot = metricVsParameter([{ x: 10, series: 'ClassC', mean: 100, ciLow: 90, ciHigh: 110 }], { parameter: 'Redundancy (%)', metric: 'Time to 90 %', kind: 'duration' });
    const html = buildSweepReportHtml({
      name: 'class-redundancy',
      simulatorVersion: '0.1.0',
      parameters: ['fuotaTask.redundancyPercent'],
      table: { columns: ['Redundancy (%)', 'Devices updated'], rows: [['10', '97.3 % (95.1–98.6)']] },
      runs: 3,
      plots: [{ name: 'time90-vs-redundancy', title: 'Time to 90 %', description: 'How long 90 % of the fleet took.', spec: plot }],
    });
    expect(html).toContain('FUOTA sweep: class-redundancy');
    expect(html).toContain('swept: Redundancy (%)');
    expect(html).toContain('<th>Redundancy (%)</th><th>Devices updated</th>');
    expect(html).toContain('<td>10</td><td>97.3 % (95.1–98.6)</td>');
    expect(html).toContain('<a href="aggregate.csv">aggregate.csv</a>');
    expect(html).toContain('<a href="summary.csv">summary.csv</a>');
    expect(html).toContain('id="chart-time90-vs-redundancy"');
    expect(html).toContain('<div class="label">Runs</div><div class="value">3</div>');
    expect(html).toContain('<div class="label">Sweep points</div><div class="value">1</div>');
  });
});
