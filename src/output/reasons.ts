/**
 * "Why devices were not updated", for people: one line per reason the run found (summary.reasons,
 * src/sim/diagnosis.ts), each with the next step a planner would take and the numbers for it. The
 * end-of-run summary prints these lines; the run report shows them under its headline. Built from
 * the summary and the resolved scenario alone, so `fuota-sim plot` redraws the same lines.
 */
import { getRegion } from '../lorawan/regions/index.js';
import { maxFragmentSizeBytes } from '../scenario/derive.js';
import type { ResolvedScenario } from '../scenario/types.js';
import { DEVICE_STATUSES, REASONS, type Reason, type Summary } from '../sim/types.js';
import { escapeHtml } from './report/page.js';
import { humanCount, humanDuration, humanPercent } from './report/human.js';

type Facts = Pick<
  Summary,
  | 'devices' | 'statusCounts' | 'reasons' | 'reachDr' | 'reachDrDevices' | 'redundancyNeededPercent'
  | 'sessionStartS' | 'fleetReadyS' | 'leadTimeFor95S' | 'campaignDurationS'
>;

/** AWS's largest RedundancyPercent (CreateFuotaTask). */
const MAX_REDUNDANCY_PERCENT = 100;
/** Above this the estimate (src/sim/diagnosis.ts) stops being a useful figure to print: a device that heard under a tenth of what it needs. */
const HOPELESS_REDUNDANCY_PERCENT = 1000;

const plural = (n: number, one: string, many = `${one}s`) => `${humanCount(n)} ${n === 1 ? one : many}`;

function drName(s: ResolvedScenario, dr: number): string {
  const rate = getRegion(s.region).dataRates[dr];
  return rate ? `DR${dr} (SF${rate.sf}/${rate.bwHz / 1000})` : `DR${dr}`;
}

function refused(x: Facts, s: ResolvedScenario): string {
  const statuses = DEVICE_STATUSES.filter((st) => st !== 'Initial' && st !== 'MissingFrag' && st !== 'Successful' && x.statusCounts[st] > 0);
  const fields = [
    Object.values(s.devices.mix).some((share) => (share ?? 0) > 0) ? 'devices.mix' : null,
    s.devices.memoryFragments !== null ? 'devices.memoryFragments' : null,
    s.firmware.tamperBytes > 0 ? 'firmware.tamperBytes' : null,
  ].filter((f) => f !== null);
  const list = statuses.map((st) => `${st} ${humanCount(x.statusCounts[st])}`).join(', ');
  return `refused by the device (${list}): a device-side matter — their package, memory or image check${fields.length > 0 ? ` (${fields.join(', ')})` : ''} — not the radio plan`;
}

function notConfirmed(x: Facts, s: ResolvedScenario): string {
  const limitS = s.simulation.maxDurationS - s.fuotaTask.startTimeS;
  const head = 'rebuilt and verified the image, but their reboot was never confirmed (their report, DevRebootTimeAns or DevVersionAns not heard over class A)';
  if (x.campaignDurationS >= limitS) return `${head}: the run stopped at simulation.maxDurationS first — raise it (now ${humanDuration(s.simulation.maxDurationS)})`;
  return `${head}: raise setup.maxRetries (now ${s.setup.maxRetries}) or add gateways — class A answers share the gateways' duty cycle and the uplink channels`;
}

function setupTooLate(x: Facts): string {
  const head = `not set up when the session started at ${humanDuration(x.sessionStartS)}`;
  if (x.fleetReadyS === null || x.sessionStartS === null || x.fleetReadyS <= x.sessionStartS) return `${head}: book the session later after the campaign start`;
  const for95 = x.leadTimeFor95S !== null && x.leadTimeFor95S > x.sessionStartS && x.leadTimeFor95S < x.fleetReadyS ? `; ${humanDuration(x.leadTimeFor95S)} sets up 95 % of them` : '';
  return `${head}: book it ${humanDuration(x.fleetReadyS - x.sessionStartS)} later — a lead of ${humanDuration(x.fleetReadyS)} from the campaign start sets up every device the session could reach${for95}`;
}

function outOfReach(x: Facts, s: ResolvedScenario): string {
  const n = x.reasons.outOfReach;
  const head = `set up, but out of reach of ${drName(s, s.multicastGroup.dlDr)} (below the device's sensitivity from every gateway of the group)`;
  if (x.reachDr === null) return `${head}: no slower data rate reaches them either — add gateways near them`;
  const dwell = s.devices.downlinkDwellTime === 1;
  const maxFrag = maxFragmentSizeBytes(getRegion(s.region), x.reachDr, dwell);
  const frag = maxFrag < s.fuotaTask.fragmentSizeBytes ? ` with fragments of at most ${maxFrag} B` : '';
  const reach = x.reachDrDevices === n ? 'reaches all of them' : `reaches ${humanCount(x.reachDrDevices ?? 0)} of them, the others need gateways nearer`;
  return `${head}: use multicastGroup.dlDr ${x.reachDr}${frag} — ${drName(s, x.reachDr)} ${reach} — or add gateways near them`;
}

function missingFragments(x: Facts, s: ResolvedScenario): string {
  const head = 'in reach, but short of fragments when the session ended';
  const r = x.redundancyNeededPercent;
  const now = s.fuotaTask.redundancyPercent;
  if (r === null) return `${head}: they held no fragment at all, so redundancy will not help — check that they listened (class B: beacons heard) and the group's gateways`;
  if (r > HOPELESS_REDUNDANCY_PERCENT) {
    const classB = s.multicastGroup.dlClass === 'ClassB' ? '; in class B, every ping slot they miss costs a fragment — check beacons heard and multicastGroup.pingSlotPeriod' : '';
    return `${head}: 90 % of them heard so few of the fragments sent that no redundancy would let them rebuild (it would take over ${HOPELESS_REDUNDANCY_PERCENT} %, the maximum is ${MAX_REDUNDANCY_PERCENT} %) — their losses are systematic, not random: add gateways near them or use a lower data rate${classB}`;
  }
  if (r > MAX_REDUNDANCY_PERCENT) {
    return `${head}: 90 % of them would need about ${r} % redundancy, beyond the ${MAX_REDUNDANCY_PERCENT} % maximum — add gateways or a lower data rate, or completion.repairRounds`;
  }
  if (r <= now) return `${head}: their losses are within the redundancy (${now} %); add completion.repairRounds or a status round (completion.statusRequest) to fill the gaps`;
  return `${head}: raise fuotaTask.redundancyPercent from ${now} to about ${r} % (lets 90 % of them rebuild, from the fragments they received), or add completion.repairRounds`;
}

const EXPLAIN: Record<Reason, (x: Facts, s: ResolvedScenario) => string> = {
  deviceRefused: refused,
  noCoverage: () =>
    'out of coverage: no gateway exchanges class A frames with them even at their slowest data rate, so setup cannot reach them and their reports go unheard — add gateways near them (devices.csv lists them with reason noCoverage and their position)',
  notConfirmed,
  setupTooLate: (x) => setupTooLate(x),
  setupFailed: (_x, s) =>
    `given up during setup (every retry of a setup request or answer lost): raise setup.maxRetries (now ${s.setup.maxRetries}) or add gateways near them`,
  outOfReach,
  missingFragments,
};

/** The reasons with devices, largest first (ties in REASONS order), each with its line: "N devices (share) <why>: <next step>". */
export function reasonEntries(x: Facts, s: ResolvedScenario): Array<{ reason: Reason; devices: number; text: string }> {
  return REASONS.filter((r) => x.reasons[r] > 0)
    .sort((a, b) => x.reasons[b] - x.reasons[a] || REASONS.indexOf(a) - REASONS.indexOf(b))
    .map((r) => ({ reason: r, devices: x.reasons[r], text: `${plural(x.reasons[r], 'device')} (${humanPercent(x.reasons[r] / x.devices)}) ${EXPLAIN[r](x, s)}` }));
}

/** One line per reason with devices (reasonEntries). */
export function reasonLines(x: Facts, s: ResolvedScenario): string[] {
  return reasonEntries(x, s).map((e) => e.text);
}

/** The report's section: the same lines as a list, or nothing when every device was updated. */
export function reasonsHtml(x: Facts, s: ResolvedScenario): string {
  const lines = reasonLines(x, s);
  if (lines.length === 0) return '';
  const items = lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('');
  const notUpdated = x.devices - x.statusCounts.Successful;
  return `<section class="plot reasons"><h2>Why ${plural(notUpdated, 'device was', 'devices were')} not updated</h2><ul>${items}</ul></section>`;
}
