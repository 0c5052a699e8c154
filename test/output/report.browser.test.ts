/**
 * Opens the run, sweep and plan reports in Debian's Chromium (driven by playwright-core, no
 * network, loaded from file://), checks that each loads without console or page errors, that every
 * chart drew the marks its data asks for, and saves a full-page screenshot of each. Skipped with one
 * notice when /usr/bin/chromium is absent (CI installs it in .ci/run).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogram } from '../../src/output/plots/bins.js';
import { buildSweepReportHtml } from '../../src/output/report.js';
import { writeRunResults } from '../../src/output/results.js';
import { capacityPlot } from '../../src/sweep/capacity-plot.js';
import { groupOutcomes } from '../../src/sweep/pareto.js';
import { buildPlanReportHtml } from '../../src/sweep/planReport.js';
import { sweepPlots } from '../../src/sweep/sweepPlots.js';
import { sweepKeyTable } from '../../src/sweep/sweepTable.js';
import { candidates, front, k, plan } from '../sweep/plan-fixture.js';
import { curves, runs, SWEEP } from '../sweep/sweep-fixture.js';
import { sampleScenario, syntheticResult } from './sampleResult.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) process.stderr.write(`notice: ${CHROMIUM} not found; the report browser tests are skipped (apt-get install chromium)\n`);

/** Where the screenshots go: $FUOTA_SIM_SCREENSHOT_DIR, or a fresh temporary folder. */
const shotDir = process.env.FUOTA_SIM_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'fuota-report-shot-'));

interface ChartMarks {
  name: string | null;
  rendered: string | null;
  svgs: number;
  lines: number;
  symbols: number;
  rects: number;
  rules: number;
  texts: string[];
}

describe.skipIf(!available)('the reports in a real headless Chromium', () => {
  let context: BrowserContext;
  const dir = mkdtempSync(join(tmpdir(), 'fuota-reports-'));

  beforeAll(async () => {
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'fuota-chromium-profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic'],
      viewport: { width: 1100, height: 900 },
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  /** Loads a page, waits for its charts, checks it is clean and offline, saves a screenshot; returns the marks of each chart. */
  async function open(path: string, shot: string): Promise<{ charts: Record<string, ChartMarks>; order: string[]; headline: string[] }> {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(path).href);
    await page.waitForSelector('body[data-charts-ready="true"]', { timeout: 30_000 });
    const charts = await page.$$eval('.chart', (els) =>
      els.map((el) => ({
        name: el.getAttribute('data-plot'),
        rendered: el.getAttribute('data-rendered'),
        svgs: el.querySelectorAll('svg').length,
        lines: el.querySelectorAll('svg g.mark-line.role-mark path').length,
        symbols: el.querySelectorAll('svg g.mark-symbol.role-mark path').length,
        rects: el.querySelectorAll('svg g.mark-rect.role-mark path').length,
        rules: el.querySelectorAll('svg g.mark-rule.role-mark line').length,
        texts: [...el.querySelectorAll('svg g.mark-text.role-mark text')].map((t) => t.textContent ?? ''),
      })),
    );
    const headline = await page.$$eval('.card .label', (els) => els.map((e) => e.textContent ?? ''));
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    for (const c of charts) {
      expect(c.rendered, c.name ?? '').toBe('true');
      expect(c.svgs, c.name ?? '').toBe(1);
    }
    const file = join(shotDir, shot);
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(1100);
    process.stdout.write(`report screenshot: ${file}\n`);
    await page.close();
    return { charts: Object.fromEntries(charts.map((c) => [c.name, c])), order: charts.map((c) => c.name ?? ''), headline };
  }

  it('run report: loads offline without errors and every chart draws its marks', async () => {
    const result = syntheticResult(1500, 3);
    result.scenario.outputs = { transmissions: false, devices: true, plots: false, report: true };
    const out = join(dir, 'run');
    await writeRunResults(out, result, { force: false, trace: false });
    const { charts, order, headline } = await open(join(out, 'report.html'), 'report.png');
    expect(order).toEqual(['completion', 'dutycycle', 'energy', 'device-map', 'timeline']);
    // the completion curve twice (from the session start, the whole campaign), with the 90 % and 95 % points marked
    expect(charts.completion.lines).toBe(2);
    const reached = [result.summary.timeTo90S, result.summary.timeTo95S].filter((t) => t !== null).length;
    expect(reached).toBeGreaterThan(0);
    expect(charts.completion.texts.filter((t) => /^9[05] % after /.test(t))).toHaveLength(reached);
    // one panel (sub-band P), three gateways' lines and its limit
    expect(charts.dutycycle.lines).toBe(3);
    expect(charts.dutycycle.rules).toBe(1);
    expect(charts.energy.rects).toBe(histogram(result.devices.energyJ).length);
    expect(charts['device-map'].symbols).toBe(1500 + 3);
    expect(charts.timeline.rects).toBe(4);
    expect(headline).toContain('Time to 90 %');
  });

  it('sweep report: every plot, with the points never reached drawn, and the key-metric table', async () => {
    const plots = sweepPlots(SWEEP, runs, curves);
    const table = sweepKeyTable(SWEEP, runs, curves);
    const path = join(dir, 'sweep.html');
    writeFileSync(path, buildSweepReportHtml({ name: SWEEP.name, simulatorVersion: '0.1.0', parameters: SWEEP.sweptPaths, table, runs: runs.length, plots }));
    const { charts, order } = await open(path, 'sweep-report.png');
    expect(order).toEqual(plots.map((p) => p.name));
    expect(charts.completion.lines).toBe(SWEEP.points.length);
    // time to 90 %: lines only where reached (redundancy 40, both classes: one point each, so no segment), a triangle per point not reached
    const t90 = charts['timeTo90FromSessionS-vs-redundancyPercent'];
    expect(t90.symbols).toBe(6); // 2 reached points + 4 not reached
    expect(t90.texts.filter((t) => t.startsWith('91.5 % (1/2 runs)'))).toHaveLength(2);
    const share = charts['updatedRatio-vs-redundancyPercent'];
    expect(share.symbols).toBe(6);
    expect(share.lines).toBe(2);
    expect(share.rules).toBe(6); // an interval per point
    expect(table.rows).toHaveLength(6);
  });

  it('plan report: identical outcomes as one mark, the recommendation ringed, the settings that never reached 95 % below', async () => {
    const spec = capacityPlot(candidates, front, plan.recommendation.choice, k, 'plan');
    const path = join(dir, 'plan.html');
    writeFileSync(path, buildPlanReportHtml({ plan, scenario: sampleScenario(), simulatorVersion: '0.1.0', ...k, plot: { name: 'plan', title: 'Capacity plan', description: 'How to read it.', spec } }));
    const { charts, headline } = await open(path, 'plan-report.png');
    const groups = groupOutcomes(candidates, front, plan.recommendation.choice);
    // one mark per outcome group plus the ring around the recommendation
    expect(charts.plan.symbols).toBe(groups.length + 1);
    expect(charts.plan.texts).toContain('×3');
    expect(charts.plan.texts).toContain('recommended: ClassC DR6, 10 %, 239 B');
    expect(charts.plan.texts).toContain('95 % target');
    expect(charts.plan.rules).toBe(3); // deadline, energy budget, 95 % target
    expect(headline).toEqual(['Recommended', 'Time to 95 %', 'Energy per device', 'Settings simulated', 'On the Pareto front']);
  });
});
