/**
 * Regenerates the figures and numbers of docs/validation.md:
 *
 *   npm run build && node dist/bench/validation-figures.js
 *
 * Runs every validation case (the same code the tests in test/validation use), writes the SVG
 * figures and numbers.json to docs/img/validation/, and prints the tables of the document.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSvg } from '../src/output/svg.js';
import { completionCurve } from '../src/output/plots/completionCurve.js';
import type { RunResult } from '../src/sim/types.js';
import { setupSecondsPerDevice, slidingWindowStartUs } from './validation/closed-form.js';
import * as fig from './validation/figures.js';
import { measureBeaconScan, measureImageWork, measureListen, measureTxPower } from './validation/measure-energy.js';
import { measureEnergyClassB, measureEnergyClassC, measureSetupScaling, meanSetupDownlinkAirtimeUs, runInterop, SETUP_DOWNLINK_PHY_BYTES, SUB_BAND_L, SUB_BAND_M } from './validation/measure-campaign.js';
import { measureClassB, measureClassCSessions, measureTwoGateways, SUB_BAND_P } from './validation/measure-distribution.js';
import { measureLockstep } from './validation/measure-lockstep.js';
import { codedOnlyTrials, denseCodeMeanOverhead, denseCodeSuccess, overheadStats, overheadTrials, shareAbove, shareDecodedWithin } from './validation/overhead.js';
import { radioCases } from './validation/radio-figures.js';
import { repoRoot } from './validation/runs.js';
import { receptionFigures } from './validation/reception-figures.js';

const SEED = 6;
const outDir = join(repoRoot(), 'docs', 'img', 'validation');
const numbers: Record<string, unknown> = {};
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function table(head: string[], rows: Array<Array<string | number>>): void {
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log('');
}

async function save(name: string, spec: Record<string, unknown>): Promise<void> {
  writeFileSync(join(outDir, `${name}.svg`), await renderSvg(spec));
}

async function case1(): Promise<void> {
  type Row = [string, number, number, number, number, number, number, number];
  const ref = (JSON.parse(readFileSync(join(repoRoot(), 'test', 'fixtures', 'validation-ts004-overhead.json'), 'utf8')) as { rows: Row[] }).rows;
  const cells: fig.OverheadCell[] = [];
  const rows: Array<Array<string | number>> = [];
  const done = new Map<string, ReturnType<typeof overheadStats>>();
  for (const [variant, m, loss, , nRef, mean, p95, pZero] of ref) {
    const key = `${variant}/${m}/${loss}`;
    let s = done.get(key);
    if (!s) done.set(key, (s = overheadStats(overheadTrials(variant as 'v1' | 'v2', m, loss / 100, m >= 1024 ? 1000 : 2000, SEED))));
    const z = (s.mean - mean) / (s.sd * Math.sqrt(1 / s.trials + 1 / nRef));
    rows.push([variant, m, `${loss} %`, nRef, mean, r3(s.mean), z.toFixed(1), `${p95} / ${s.p95}`, `${pZero} / ${s.pZero.toFixed(3)}`]);
    if (nRef === 2000) {
      const panel = `${variant} rows, ${loss} % loss`;
      const se = s.sd / Math.sqrt(s.trials);
      cells.push({ panel, m, source: 'reference decoders', mean, low: null, high: null });
      cells.push({ panel, m, source: 'fuota-sim', mean: r3(s.mean), low: r3(s.mean - 2 * se), high: r3(s.mean + 2 * se) });
    }
  }
  console.log('## Case 1: overhead (reference mean vs fuota-sim, z = difference / its standard error)\n');
  table(['rows', 'M', 'loss', 'ref trials', 'ref mean', 'sim mean', 'z', 'p95 ref / sim', 'P(0) ref / sim'], rows);
  numbers.overhead = rows;
  await save('ts004-overhead', fig.overheadFigure(cells, denseCodeMeanOverhead()));

  const tail: fig.CurvePoint[] = [];
  const tailRows: Array<Array<string | number>> = [];
  for (const variant of ['v1', 'v2'] as const) {
    const t = overheadTrials(variant, 100, 0.05, 4000, SEED);
    const s = overheadStats(t);
    tailRows.push([variant, r3(s.mean), s.p95, s.p99, s.max, shareAbove(t, 5).toFixed(4), shareAbove(t, 10).toFixed(4)]);
    for (let k = 0; k <= 20; k++) tail.push({ series: `${variant} rows`, k, value: shareAbove(t, k) });
  }
  for (let k = 0; k <= 20; k++) tail.push({ series: 'dense random code', k, value: 1 - denseCodeSuccess(k) });
  console.log('## Case 1: tail at M = 100, 5 % loss (4000 trials)\n');
  table(['rows', 'mean', 'p95', 'p99', 'max', 'P(>5)', 'P(>10)'], tailRows);
  numbers.tail = tailRows;
  await save('ts004-tail', fig.tailFigure(tail));

  const coded: fig.CurvePoint[] = [];
  const codedRows: Array<Array<string | number>> = [];
  for (const [variant, m] of [['v1', 100], ['v2', 102], ['v2', 100]] as const) {
    const t = codedOnlyTrials(variant, m, 2000, SEED);
    codedRows.push([`${variant}, M = ${m}`, shareDecodedWithin(t, 0).toFixed(3), shareDecodedWithin(t, 7).toFixed(4)]);
    for (let k = -2; k <= 12; k++) coded.push({ series: `${variant} rows, M = ${m}`, k, value: k < 0 ? 0 : shareDecodedWithin(t, k) });
  }
  for (let k = -2; k <= 12; k++) coded.push({ series: 'dense random code', k, value: k < 0 ? 0 : denseCodeSuccess(k) });
  codedRows.push(['dense random code', denseCodeSuccess(0).toFixed(3), denseCodeSuccess(7).toFixed(4)]);
  console.log('## Case 1: coded-only reception (2000 trials)\n');
  table(['rows', 'P(decoded with M)', 'P(decoded with M + 7)'], codedRows);
  numbers.codedOnly = codedRows;
  await save('ts004-coded-only', fig.codedOnlyFigure(coded));
}

async function case2(): Promise<void> {
  const points: fig.SentPoint[] = [];
  const rows: Array<Array<string | number>> = [];
  for (const name of ['classc-offtime', 'classc-sliding'] as const) {
    for (const r of measureClassCSessions(name)) {
      rows.push([r.model, `DR${r.dr}`, r.fragmentSizeBytes, r.frames, r.airtimeUs / 1000, r3(r.closedFormUs / 1e6), r3(r.measuredUs / 1e6), (r.measuredUs - r.closedFormUs) / 1000, r.startMismatches]);
      if (r.dr !== 0) continue;
      r.startsS.forEach((t, i) => points.push({ series: r.model, hours: t / 3600, sent: i + 1, kind: 'fuota-sim' }));
      for (let i = 0; i < r.frames; i += 64) {
        const t = r.model === 'off-time' ? (i * r.airtimeUs) / 0.1 : slidingWindowStartUs(i, r.airtimeUs, 0.1);
        points.push({ series: r.model, hours: t / 3.6e9, sent: i + 1, kind: 'closed form' });
      }
    }
  }
  console.log('## Case 2: class C session length, first fragment start to last fragment end\n');
  table(['duty cycle', 'DR', 'fragment B', 'fragments', 'ToA ms', 'closed form s', 'fuota-sim s', 'difference ms', 'starts off the closed form'], rows);
  numbers.sessionLength = rows;
  await save('classc-session', fig.sessionFigure(points));
}

function case3(): void {
  const run = runInterop();
  const ok = run.rebuilt.filter((r) => r !== null && r.crc32 === run.blockCrc32 && r.bytes === run.blockBytes).length;
  const clockMaxS = Math.max(...Array.from(run.clockErrorUs, (e) => Math.abs(e) / 1e6));
  const s = run.result.summary;
  numbers.interop = { blockBytes: run.blockBytes, crc32: run.blockCrc32.toString(16).padStart(8, '0'), devices: s.devices, rebuiltWithMatchingCrc: ok, setupEndS: run.setupEndS, sessionStartS: run.sessionStartS, maxClockErrorS: r3(clockMaxS), nbFrag: s.nbFrag, coded: s.fragmentsCoded, padding: s.paddingBytes, timeToAllS: s.timeToAllS };
  console.log('## Case 3: interop test 1\n', numbers.interop, '\n');
}

async function case4(): Promise<void> {
  const rows = measureClassB();
  const same = (r: (typeof rows)[number]) => r.startsUs.every((t, i) => t === r.predictedUs[i]);
  console.log('## Case 4: class B capacity (42 fragments)\n');
  table(['duty cycle', 'periodicity', 'P', 'pingNb', 'max per period', 'periods used', 'bound ceil(T/pingNb)', 'distribution s', 'every start as predicted'],
    rows.map((r) => [r.model, Math.log2(r.pingPeriod) - 5, r.pingPeriod, r.pingNb, r.maxPerPeriod, r.periodsUsed, r.minPeriods, r3(r.distributionDurationS), same(r) ? 'yes' : 'no']));
  numbers.classB = rows.map((r) => ({ model: r.model, pingPeriod: r.pingPeriod, distributionDurationS: r.distributionDurationS, maxPerPeriod: r.maxPerPeriod, periodsUsed: r.periodsUsed }));
  await save('classb-capacity', fig.classBFigure(rows.map((r) => ({ periodicity: Math.log2(r.pingPeriod) - 5, model: r.model, seconds: r.distributionDurationS })), 128));
}

function case5(): void {
  const c = measureEnergyClassC();
  const expected = c.rxA * c.supplyV * c.listenS;
  const b = measureEnergyClassB();
  numbers.energy = { classC: { expectedJ: r3(expected), measuredJ: r3(c.energyJ[0]) }, classB: b.map((r) => ({ pingNb: r.pingNb, averageCurrentUa: Math.round(r.averageCurrentA[0] * 1e8) / 100 })) };
  console.log('## Case 5: energy\n', JSON.stringify(numbers.energy), '\n');
  case5Model();
}

/** Cases 5c–5f: TX current by power, listening until the device stops, beacon scan, image work. */
function case5Model(): void {
  const tx = measureTxPower();
  console.log('## Case 5c: TX current charged (mA) by radio and power\n');
  table(['radio', 'dBm', 'charged mA'], tx.map((r) => [r.radio, r.txPowerDbm, r3(r.currentA[0] * 1e3)]));
  const l = measureListen();
  const listen = l.rxJ.map((j, d) => ({ measuredJ: r3(j), expectedJ: r3(l.rxA * 3.3 * (l.sessionTimeoutS - l.txS[d])), txS: r3(l.txS[d]) }));
  console.log('## Case 5d: listening until the timeout; campaign', r3(l.campaignS), 's\n', JSON.stringify(listen), '\n');
  const b = measureBeaconScan();
  const scanJ = b.scanRxJ.map((j, d) => r3(j - b.byTimeRxJ[d]));
  console.log('## Case 5e: beacon scan, extra RX energy (J) per device\n', JSON.stringify(scanJ), '\n');
  const img = measureImageWork();
  console.log('## Case 5f: image work (J), device 0\n');
  table(['install', 'store', 'verify', 'apply'], img.map((r) => [r.imageApply, r3(r.storeJ[0]), r3(r.verifyJ[0]), r3(r.applyJ[0])]));
  numbers.energyModel = {
    txCurrentMa: tx.map((r) => ({ radio: r.radio, txPowerDbm: r.txPowerDbm, mA: r3(r.currentA[0] * 1e3) })),
    listen: { campaignS: r3(l.campaignS), devices: listen },
    beaconScanJ: scanJ,
    imageWork: img.map((r) => ({ imageApply: r.imageApply, storeJ: r3(r.storeJ[0]), verifyJ: r3(r.verifyJ[0]), applyJ: r3(r.applyJ[0]) })),
  };
}

async function case6(): Promise<void> {
  const rows = measureSetupScaling();
  const bands = [
    { dutyCycle: SUB_BAND_M.dutyCycle, meanAirtimeUs: meanSetupDownlinkAirtimeUs(7, 125_000) },
    { dutyCycle: SUB_BAND_L.dutyCycle, meanAirtimeUs: meanSetupDownlinkAirtimeUs(7, 125_000) },
    { dutyCycle: SUB_BAND_P.dutyCycle, meanAirtimeUs: meanSetupDownlinkAirtimeUs(12, 125_000) },
  ];
  const ideal = setupSecondsPerDevice(SETUP_DOWNLINK_PHY_BYTES.length, bands);
  const marginal = (rows[2].downlinksPerDevice * 1000 - rows[1].downlinksPerDevice * 500) / 500;
  const slope = (rows[2].setupDurationS - rows[1].setupDurationS) / 500;
  console.log('## Case 6: setup scaling\n');
  const use = (a: { airtimeUs: number }, r: { setupDurationS: number }) => `${r3(a.airtimeUs / 1e6)} (${((a.airtimeUs / 1e4) / r.setupDurationS).toFixed(2)} %)`;
  table(['devices', 'setupDurationS', 'updated', 'downlinks/device', 'RX1 airtime s in M (share of setup)', 'RX1 airtime s in L (share of setup)', 'RX2 airtime s (share of setup)', 'answers / polls hit by gateway TX'],
    rows.map((r) => [r.devices, r3(r.setupDurationS), r.devicesUpdated, r.downlinksPerDevice, use(r.rx1M, r), use(r.rx1L, r), use(r.rx2, r), `${(100 * r.answersHitByGatewayTx).toFixed(1)} % / ${(100 * r.pollsHitByGatewayTx).toFixed(1)} %`]));
  numbers.setup = { meanAirtimeRx1Ms: bands[0].meanAirtimeUs / 1000, meanAirtimeRx2Ms: bands[2].meanAirtimeUs / 1000, idealSecondsPerDevice: r3(ideal), marginalDownlinks: r3(marginal), predictedSecondsPerDevice: r3(setupSecondsPerDevice(marginal, bands)), measuredSecondsPerDevice: r3(slope) };
  console.log(numbers.setup, '\n');
  const points: fig.ScalingPoint[] = rows.map((r) => ({ devices: r.devices, hours: r.setupDurationS / 3600, series: 'fuota-sim' }));
  for (const n of [0, 1000]) {
    points.push({ devices: n, hours: (n * setupSecondsPerDevice(marginal, bands)) / 3600, series: fig.SETUP_SERIES[1] });
    points.push({ devices: n, hours: (n * ideal) / 3600, series: fig.SETUP_SERIES[2] });
  }
  await save('setup-scaling', fig.setupFigure(points));
}

async function case7(): Promise<void> {
  const runs = measureTwoGateways();
  const curve = (r: RunResult) => {
    const times = Array.from(r.devices.decodedAtS).filter((t, d) => r.devices.status[d] === 'Successful' && Number.isFinite(t)).sort((a, b) => a - b);
    return [{ timeS: 0, share: 0 }, ...times.map((t, i) => ({ timeS: t, share: (i + 1) / r.devices.count })), { timeS: r.summary.campaignDurationS, share: times.length / r.devices.count }];
  };
  await save('two-gateways-completion', completionCurve(runs.map((r) => ({ label: r.staggerMs === 0 ? 'none (0 ms)' : `${r.staggerMs / 1000} s`, points: curve(r.result) })), { title: 'Two gateways: share of the fleet updated', seriesTitle: 'transmissionInterval' }));
  const [together] = runs;
  const map: fig.MapPoint[] = together.result.scenario.gateways.positions.map(([x, y]) => ({ xM: x, yM: y, what: 'gateway' }));
  for (let d = 0; d < together.result.devices.count; d++) {
    map.push({ xM: together.result.devices.xM[d], yM: together.result.devices.yM[d], what: fig.MAP_KINDS[together.result.devices.status[d] === 'Successful' ? 1 : 2] });
  }
  await save('two-gateways-map', fig.twoGatewayMap(map));
  numbers.twoGateways = runs.map((r) => ({ staggerMs: r.staggerMs, predictedLost: r.predictedLost.filter(Boolean).length, updated: r.result.summary.devicesUpdated, timeTo50S: r.result.summary.timeTo50S, timeTo95S: r.result.summary.timeTo95S }));
  console.log('## Case 7: two gateways\n', numbers.twoGateways, '\n');
}

async function case23(): Promise<void> {
  const runs = measureLockstep();
  console.log('## Case 23: class B in lockstep (645 frames)\n');
  table(['group gateways', 'uplinks every', 'combineCopies', 'slots used', 'slots with two frames', 'copies sent', 'skipped: busy / duty cycle / beacon', 'rule mismatches', 'rebuilt', 'at fragment M', 'dutyCycleWaitS (trace)', 'distribution s'],
    runs.map((r) => [r.groupGateways.length, r.uplinkIntervalS === 0 ? 'none' : `${r.uplinkIntervalS} s`, String(r.combineCopies), r.slotsUsed, r.mixedSlots, r.copiesSent,
      `${r.skipped.busy} / ${r.skipped.dutyCycle} / ${r.skipped.beacon}`, r.ruleMismatches, r.rebuilt, r.rebuiltAtFragmentM,
      `${r3(r.result.summary.dutyCycleWaitS)} (${r3(r.waitFromTraceS)})`, r3(r.result.summary.distributionDurationS)]));
  const contrast = runs.find((r) => r.groupGateways.length === 3 && r.uplinkIntervalS === 0 && !r.combineCopies)!;
  const predictedLost = Array.from(contrast.dominanceDb, (x) => x < 6);
  numbers.lockstep = {
    runs: runs.map((r) => ({ gateways: r.groupGateways.length, uplinkIntervalS: r.uplinkIntervalS, combineCopies: r.combineCopies, frames: r.frames, slotsUsed: r.slotsUsed, mixedSlots: r.mixedSlots, copiesSent: r.copiesSent, skipped: r.skipped, ruleMismatches: r.ruleMismatches, slotsWaited: r.slotsWaited, rebuilt: r.rebuilt, rebuiltAtFragmentM: r.rebuiltAtFragmentM, updated: r.result.summary.devicesUpdated, dutyCycleWaitS: r.result.summary.dutyCycleWaitS, waitFromTraceS: r3(r.waitFromTraceS), timeTo90S: r.result.summary.timeTo90S, minMarginDb: r3(r.minMarginDb) })),
    predictedLostWithoutCombining: predictedLost.filter(Boolean).length,
    closestToThresholdDb: r3(Math.min(...Array.from(contrast.dominanceDb, (x) => Math.abs(x - 6)))),
  };
  console.log(numbers.lockstep, '\n');
  const map: fig.MapPoint[] = contrast.result.scenario.gateways.positions.map(([x, y]) => ({ xM: x, yM: y, what: 'gateway' }));
  for (let d = 0; d < contrast.result.devices.count; d++) {
    map.push({ xM: contrast.result.devices.xM[d], yM: contrast.result.devices.yM[d], what: fig.MAP_KINDS[contrast.result.devices.status[d] === 'Successful' ? 1 : 2] });
  }
  await save('classb-lockstep-map', fig.lockstepMap(map));
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await case1();
  await case2();
  case3();
  await case4();
  case5();
  await case6();
  await case7();
  await case23();
  Object.assign(numbers, radioCases(table));
  await receptionFigures();
  writeFileSync(join(outDir, 'numbers.json'), JSON.stringify(numbers, null, 1) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
