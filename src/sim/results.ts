/**
 * The end of a run: each device's final AWS status (the server's view), the summary metrics and the
 * phase time line.
 *
 * Status: what the server recorded (a setup failure, the failure a device reported, `Successful`
 * once its new version was confirmed); else `MissingFrag` for a device the server had set up (it
 * never completed), else `Initial` (never set up: the session never started for it).
 */
import type { FragmentPlan } from '../fuota/ts004/sizing.js';
import type { Campaign } from './campaign/campaign.js';
import { Srv } from './campaign/state.js';
import type { RunContext } from './context.js';
import { buildSummary, maxDutyCycle, rebuiltAndVerified } from './summary.js';
import type { BackgroundTraffic } from './traffic.js';
import { DEVICE_STATUSES, type DeviceTable, type RunResult, type Summary } from './types.js';
import type { Diagnosis } from './diagnosis.js';
import type { UplinkMedium } from './uplinks.js';
import { STATUS_INDEX } from './world.js';

/**
 * Sets fleet.status; returns, ascending and in s from the campaign start, when each device had
 * rebuilt and verified the image (results contract: the time-to-X % metrics), whether or not its
 * reboot was confirmed later. A device whose check failed (MICError, an image that is not newer)
 * does not count.
 */
export function finalStatuses(ctx: RunContext, campaign: Campaign): Float64Array {
  const { fleet } = ctx.world;
  const { st } = campaign.core;
  const updated: number[] = [];
  for (let d = 0; d < fleet.count; d++) {
    let status = st.srvStatus[d];
    const step = st.srvStep[d];
    if (status === STATUS_INDEX.Initial && (step === Srv.setUp || (step >= Srv.unicast && step <= Srv.version))) status = STATUS_INDEX.MissingFrag;
    fleet.status[d] = status;
    const decodedAtUs = fleet.bySlot.decodedAtUs[fleet.order.slotOf[d]];
    const rebuilt = decodedAtUs === decodedAtUs; // not NaN
    if (rebuilt && rebuiltAndVerified(DEVICE_STATUSES[status])) updated.push((decodedAtUs - ctx.campaignStartUs) / 1e6);
  }
  return Float64Array.from(updated).sort();
}

/**
 * When each device the session could reach was set up (the server heard it accept the session),
 * ascending, s from the campaign start.
 */
export function readyTimesS(setUpAtUs: Float64Array, campaignStartUs: number): Float64Array {
  const out: number[] = [];
  for (let d = 0; d < setUpAtUs.length; d++) if (setUpAtUs[d] === setUpAtUs[d]) out.push((setUpAtUs[d] - campaignStartUs) / 1e6);
  return Float64Array.from(out).sort();
}

export interface ResultInputs {
  ctx: RunContext;
  campaign: Campaign;
  devices: DeviceTable;
  plan: FragmentPlan;
  verifiedAtS: Float64Array;
  campaignEndUs: number;
  medium: UplinkMedium;
  traffic: BackgroundTraffic;
  /** readyTimesS of the pass that saw setup through (null without a multicast session) */
  readyAtS: Float64Array | null;
  /** why devices did not end Successful */
  diagnosis: Diagnosis;
}

export function campaignResults(x: ResultInputs): { summary: Summary; phases: RunResult['phases'] } {
  const { ctx, campaign, plan } = x;
  const { core } = campaign;
  const start = ctx.campaignStartUs;
  let setupEndUs = start;
  for (let d = 0; d < core.st.count; d++) if (core.st.setupEndUs[d] > setupEndUs) setupEndUs = core.st.setupEndUs[d];
  const phases: RunResult['phases'] = [{ phase: 'setup', startS: start / 1e6, endS: setupEndUs / 1e6 }];
  let distributionS = 0;
  const dist = campaign.session?.distribution ?? null;
  const sessionStartS = campaign.hasSession ? (ctx.sessionStartUs - start) / 1e6 : null;
  if (dist) {
    const endUs = dist.lastFrameEndUs > -Infinity ? dist.lastFrameEndUs : ctx.sessionStartUs;
    distributionS = (endUs - ctx.sessionStartUs) / 1e6;
    phases.push({ phase: 'distribution', startS: ctx.sessionStartUs / 1e6, endS: endUs / 1e6 });
  }
  for (const span of core.phases.spans) {
    if (span.phase === 'distribution') distributionS = span.endS - span.startS;
    phases.push({ ...span });
  }
  const waitUs = ctx.gateways.reduce((acc, g) => acc + g.dutyCycleWaitUs, 0);
  const summary = buildSummary({
    devices: x.devices,
    verifiedAtS: x.verifiedAtS,
    setupDurationS: (setupEndUs - start) / 1e6,
    distributionDurationS: distributionS,
    campaignDurationS: (x.campaignEndUs - start) / 1e6,
    nbFrag: plan.nbFrag,
    fragmentsCoded: plan.codedCount,
    fragmentsSent: core.sent.count,
    fragmentSizeBytes: ctx.world.s.fuotaTask.fragmentSizeBytes,
    paddingBytes: plan.paddingBytes,
    downlinkAirtimeS: ctx.txlog.downlinkAirtimeUs / 1e6,
    uplinkAirtimeS: ctx.txlog.uplinkAirtimeUs / 1e6,
    maxDutyCycle: maxDutyCycle(ctx.gateways),
    dutyCycleWaitS: waitUs / 1e6,
    uplinks: x.medium.sent,
    uplinkCollisions: x.medium.collisions,
    backgroundPdr: x.traffic.uplinks > 0 ? x.traffic.delivered / x.traffic.uplinks : null,
    events: ctx.kernel.events,
    sessionStartS,
    readyAtS: x.readyAtS,
    reasons: x.diagnosis.counts,
    reachDr: x.diagnosis.reachDr,
    reachDrDevices: x.diagnosis.reachDrDevices,
    redundancyNeededPercent: x.diagnosis.redundancyNeededPercent,
  });
  return { summary, phases };
}
