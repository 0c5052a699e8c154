/**
 * Regenerates the numbers of docs/validation.md cases 15-18 (booking the session, TS005 timeouts,
 * statuses and fragment counts, packed setup commands):
 *
 *   npm run build && node dist/bench/validation-session.js
 *
 * Prints the tables of the document and writes docs/img/validation/numbers-session.json. The same
 * measurements back the tests in test/validation (booking, ts005-timeout, statuses, setup-packed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lorawanDownlinkAirtimeUs } from '../src/radio/airtime.js';
import { setupSecondsPerDevice } from './validation/closed-form.js';
import { measureSetupScaling } from './validation/measure-campaign.js';
import { framesWithinTimeout, measureBooking, measureStatuses, measureTimeout, PACKED_SETUP_DOWNLINK_PHY_BYTES, setUpBy } from './validation/measure-session.js';
import { repoRoot } from './validation/runs.js';

const outDir = join(repoRoot(), 'docs', 'img', 'validation');
const numbers: Record<string, unknown> = {};
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function table(head: string[], rows: Array<Array<string | number | null>>): void {
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.map((c) => (c === null ? '—' : c)).join(' | ')} |`);
  console.log('');
}

function case9(): void {
  const b = measureBooking();
  const x = b.earliest.summary;
  console.log('## Case 15: booking the session\n');
  table(['booking', 'lead s', 'session start s', 'set up by then (probe)', 'set up (run)', 'updated'],
    b.rows.map((r) => [r.booking, r.leadS, r.sessionStartS, r.leadS === null ? (r.booking === 'chirpstack' ? null : b.readyAtS.length) : setUpBy(b.readyAtS, r.leadS), r.setUpByServer, r.updated]));
  numbers.booking = {
    reachable: b.readyAtS.length,
    fleetReadyS: x.fleetReadyS,
    sessionStartS: x.sessionStartS,
    idleBeforeSessionS: x.idleBeforeSessionS,
    leadTimeFor90S: x.leadTimeFor90S,
    leadTimeFor95S: x.leadTimeFor95S,
    leadTimeFor99S: x.leadTimeFor99S,
    formerMarginS: r3(b.formerMarginS),
    rows: b.rows.map((r) => ({ booking: r.booking, leadS: r.leadS, sessionStartS: r.sessionStartS, setUp: r.setUpByServer, updated: r.updated })),
  };
  console.log(JSON.stringify(numbers.booking), '\n');
}

function case10(): void {
  const t = measureTimeout();
  numbers.timeout = {
    timeoutS: t.timeoutS,
    airtimeMs: t.airtimeUs / 1000,
    planned: t.planned,
    sent: t.sent,
    closedForm: framesWithinTimeout(t.timeoutS, t.clockToleranceS, t.airtimeUs, 0.1),
    lastEndAfterStartS: r3(t.lastEndUs / 1e6 - t.sessionStartS),
    updated: t.result.summary.devicesUpdated,
  };
  console.log('## Case 16: TS005 timeout\n', JSON.stringify(numbers.timeout), '\n');
}

function case11(): void {
  const rows = measureStatuses();
  console.log('## Case 17: statuses and fragment counts\n');
  table(['extraLoss', 'noPackage role', 'Package_Not_Supported', 'Initial', 'fragments sent', 'copies sent', 'most counted by a device', 'rebuilt with M'],
    rows.map((r) => [r.extraLoss, r.role, r.packageNotSupported, r.initial, r.fragmentsSent, r.copiesSent, r.maxReceived, `${r.withM} of ${r.rebuilt}`]));
  numbers.statuses = rows;
}

function case12(): void {
  const mean = (sf: number) => PACKED_SETUP_DOWNLINK_PHY_BYTES.reduce((a, b) => a + lorawanDownlinkAirtimeUs(sf, 125_000, b), 0) / PACKED_SETUP_DOWNLINK_PHY_BYTES.length;
  // RX1 at SF7 in sub-bands M and L (1 % each, the EU868 network plan), RX2 at SF12 in P (10 %)
  const bands = [{ dutyCycle: 0.01, meanAirtimeUs: mean(7) }, { dutyCycle: 0.01, meanAirtimeUs: mean(7) }, { dutyCycle: 0.1, meanAirtimeUs: mean(12) }];
  const packed = measureSetupScaling('setup-packed');
  const single = measureSetupScaling('setup-scaling');
  const marginal = (packed[2].downlinksPerDevice * 1000 - packed[1].downlinksPerDevice * 500) / 500;
  const slope = (packed[2].setupDurationS - packed[1].setupDurationS) / 500;
  console.log('## Case 18: packed setup commands\n');
  table(['devices', 'setupDurationS packed', 'one per downlink', 'updated packed / one', 'downlinks/device packed / one'],
    packed.map((r, i) => [r.devices, r3(r.setupDurationS), r3(single[i].setupDurationS), `${r.devicesUpdated} / ${single[i].devicesUpdated}`, `${r.downlinksPerDevice} / ${single[i].downlinksPerDevice}`]));
  numbers.packed = {
    meanAirtimeRx1Ms: r3(bands[0].meanAirtimeUs / 1000),
    meanAirtimeRx2Ms: r3(bands[2].meanAirtimeUs / 1000),
    idealSecondsPerDevice: r3(setupSecondsPerDevice(PACKED_SETUP_DOWNLINK_PHY_BYTES.length, bands)),
    marginalDownlinks: r3(marginal),
    predictedSecondsPerDevice: r3(setupSecondsPerDevice(marginal, bands)),
    measuredSecondsPerDevice: r3(slope),
  };
  console.log(JSON.stringify(numbers.packed), '\n');
}

mkdirSync(outDir, { recursive: true });
case9();
case10();
case11();
case12();
writeFileSync(join(outDir, 'numbers-session.json'), JSON.stringify(numbers, null, 1) + '\n');
