/**
 * Opens a generated report.html in Debian's Chromium (driven by playwright-core, no network, loaded
 * from file://), checks that it loads without console or page errors and that every chart drew
 * its marks, and saves a full-page screenshot. Skipped with a notice when /usr/bin/chromium is absent
 * (CI installs it in .ci/run).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogram } from '../../src/output/plots/bins.js';
import { writeRunResults } from '../../src/output/results.js';
import { syntheticResult } from './sampleResult.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) process.stderr.write(`notice: ${CHROMIUM} not found; the report browser test is skipped (apt-get install chromium)\n`);

/** Where the screenshot goes: $FUOTA_SIM_SCREENSHOT_DIR, or a fresh temporary folder. */
const shotDir = process.env.FUOTA_SIM_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'fuota-report-shot-'));

describe.skipIf(!available)('report.html in a real headless Chromium', () => {
  let context: BrowserContext;
  let reportPath: string;
  const result = syntheticResult(1500, 3);
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fuota-report-')), 'run');
    result.scenario.outputs = { transmissions: false, devices: true, plots: false, report: true };
    await writeRunResults(out, result, { force: false, trace: false });
    reportPath = join(out, 'report.html');
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

  it('loads offline without errors and every chart draws its marks', async () => {
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(reportPath).href);
    await page.waitForSelector('body[data-charts-ready="true"]', { timeout: 30_000 });

    const charts = await page.$$eval('.chart', (els) =>
      els.map((el) => ({
        name: el.getAttribute('data-plot'),
        rendered: el.getAttribute('data-rendered'),
        svgs: el.querySelectorAll('svg').length,
        lines: el.querySelectorAll('svg g.mark-line.role-mark path').length,
        symbols: el.querySelectorAll('svg g.mark-symbol.role-mark path').length,
        rects: el.querySelectorAll('svg g.mark-rect.role-mark path').length,
      })),
    );
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    expect(charts.map((c) => c.name)).toEqual(['completion', 'dutycycle', 'energy', 'device-map', 'timeline']);
    for (const c of charts) {
      expect(c.rendered, c.name ?? '').toBe('true');
      expect(c.svgs, c.name ?? '').toBe(1);
    }
    const by = Object.fromEntries(charts.map((c) => [c.name, c]));
    // one step line, three duty-cycle lines, one bar per histogram bin, one symbol per device and gateway, four phases
    expect(by.completion.lines).toBe(1);
    expect(by.dutycycle.lines).toBe(3);
    expect(by.energy.rects).toBe(histogram(result.devices.energyJ).length);
    expect(by['device-map'].symbols).toBe(1500 + 3);
    expect(by.timeline.rects).toBe(4);

    const headline = await page.$$eval('.card .label', (els) => els.map((e) => e.textContent));
    expect(headline).toContain('Time to 90 %');

    const shot = join(shotDir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = readFileSync(shot);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const height = png.readUInt32BE(20);
    expect(png.readUInt32BE(16)).toBe(1100);
    expect(height).toBeGreaterThan(2000);
    expect(png.length).toBeGreaterThan(100_000);
    process.stdout.write(`report screenshot: ${shot}\n`);
  });
});
