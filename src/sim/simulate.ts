/**
 * One simulation run: scenario in, RunResult out. Deterministic: the same scenario (and seed) gives
 * the same result, except `timing`.
 *
 * The campaign (campaign/campaign.ts) runs its phases on one kernel: setup over class A, the
 * multicast session (distribution.ts; class B adds beacons.ts) or unicast fragments, status and
 * repair rounds, and each device's report and reboot; background traffic (traffic.ts) runs from the
 * campaign start to its end through the shared uplink medium. Then energy and tables (finalize.ts,
 * summary.ts).
 */
import { Kernel } from '../engine/kernel.js';
import { buildFirmwarePackage, type FirmwarePackage } from '../fuota/image/package.js';
import { fragmentPlan } from '../fuota/ts004/sizing.js';
import type { ResolvedScenario } from '../scenario/types.js';
import { Campaign } from './campaign/campaign.js';
import { ClassADownlinks } from './classa-downlink.js';
import { newRunContext, type RunContext } from './context.js';
import { Ev } from './events.js';
import { deviceTable, finishEnergy } from './finalize.js';
import { DevFlag } from './campaign/state.js';
import { campaignResults, finalStatuses } from './results.js';
import { Srv } from './campaign/state.js';
import { runProgress } from './progress.js';
import { dutyCycleSeries } from './summary.js';
import { BackgroundTraffic } from './traffic.js';
import { TxLog } from './txlog.js';
import type { RunResult } from './types.js';
import { UplinkMedium } from './uplinks.js';
import { buildWorld } from './world.js';

export const SIMULATOR_VERSION = '0.1.0';

export interface SimulateOptions {
  /** called now and then with the share of the campaign elapsed (0..1, an estimate until the session is known; progress.ts) and its stage */
  onProgress?: (fraction: number, stage?: string) => void;
  /** keep every frame for transmissions.csv (also on when the scenario's outputs.transmissions is) */
  trace?: boolean;
  /** also record what each frame carried (device, message, argument) for the frame capture (`--pcap`); implies trace */
  frameDetails?: boolean;
  /** called once the campaign is over, before the tables are built (tests and the frame capture look at the run's state) */
  onFinish?: (ctx: RunContext, campaign: Campaign, pkg: FirmwarePackage) => void;
  /** called once the models are built, before anything happens (validation attaches observers) */
  onStart?: (ctx: RunContext, campaign: Campaign) => void;
}

/** Kernel time between progress reports, µs. */
const PROGRESS_STEP_US = 600e6;

export function simulate(s: ResolvedScenario, opts: SimulateOptions = {}): RunResult {
  const t0 = performance.now();
  const world = buildWorld(s);
  const pkg = buildFirmwarePackage(s.firmware, s.seed);
  const plan = fragmentPlan(pkg.payload.length, s.fuotaTask.fragmentSizeBytes, s.fuotaTask.redundancyPercent);

  let campaign: Campaign | null = null;
  let medium: UplinkMedium | null = null;
  let classA: ClassADownlinks | null = null;
  let traffic: BackgroundTraffic | null = null;
  const kernel = new Kernel((kind, a, b) => {
    const dist = campaign!.session?.distribution;
    switch (kind) {
      case Ev.release: return dist!.onRelease(a);
      case Ev.gatewayTry: return dist!.onGatewayTry(a);
      case Ev.frameEnd: return dist!.onFrameEnd(a);
      case Ev.beacon: return campaign!.session!.beacons!.onBeacon();
      case Ev.uplinkStart: return traffic!.onStart(a);
      case Ev.uplinkEnd:
        medium!.onEnd(a);
        return campaign!.checkDone();
      case Ev.classADownlink:
        classA!.onWindow(a);
        return campaign!.checkDone();
      case Ev.campaign:
        campaign!.ex.timers.onEvent(a, b);
        return campaign!.checkDone();
    }
  });

  const ctx = newRunContext(world, kernel, new TxLog(opts.trace === true || opts.frameDetails === true || s.outputs.transmissions, opts.frameDetails === true));
  medium = new UplinkMedium(ctx);
  classA = new ClassADownlinks(ctx, medium);
  traffic = new BackgroundTraffic(ctx, medium);
  campaign = new Campaign(ctx, medium, classA, plan, pkg);
  opts.onStart?.(ctx, campaign);

  const maxUs = s.simulation.maxDurationS * 1e6;
  kernel.run(ctx.campaignStartUs); // nothing happens before the campaign starts
  traffic.start(ctx.campaignStartUs);
  campaign.start();
  let shown = 0;
  for (let until = ctx.campaignStartUs + PROGRESS_STEP_US; ; until += PROGRESS_STEP_US) {
    kernel.run(Math.min(until, maxUs));
    if (!Number.isNaN(campaign.endUs) || kernel.now >= maxUs || kernel.pending === 0) break;
    if (opts.onProgress) {
      // setup steps done: each device counts its steps up to `ready` (waiting for the session time), 1 when there or out
      let setUp = 0;
      let steps = 0;
      for (const step of campaign.core.st.srvStep) {
        if (step >= Srv.ready) setUp++;
        steps += step >= Srv.ready ? 1 : step / Srv.ready;
      }
      const n = world.fleet.count;
      const p = runProgress({
        campaignStartUs: ctx.campaignStartUs, nowUs: kernel.now, sessionStartUs: ctx.sessionStartUs, sessionEndUs: ctx.sessionEndUs,
        setUp, devices: n, setupShare: n > 0 ? steps / n : 1, sessionTimeoutUs: s.multicastGroup.sessionTimeoutS * 1e6,
      });
      shown = Math.max(shown, p.fraction);
      opts.onProgress(shown, p.stage);
    }
  }
  const campaignEndUs = Number.isNaN(campaign.endUs) ? Math.min(kernel.now, maxUs) : campaign.endUs;
  traffic.stopUs = campaignEndUs;
  opts.onProgress?.(1);
  opts.onFinish?.(ctx, campaign, pkg);

  const verifiedAtS = finalStatuses(ctx, campaign);
  const { st } = campaign.core;
  const energy = finishEnergy(ctx, campaign.session?.slots ?? null, campaign.session?.beacons ?? null, {
    endUs: campaignEndUs,
    completed: !Number.isNaN(campaign.endUs),
    rebooted: (d) => st.has(d, DevFlag.rebooted),
  }, {
    fileBytes: plan.nbFrag * s.fuotaTask.fragmentSizeBytes,
    fragmentBytes: s.fuotaTask.fragmentSizeBytes,
    payloadBytes: pkg.payload.length,
    imageBytes: pkg.image.length,
  });
  const devices = deviceTable(ctx, energy);
  const { summary, phases } = campaignResults({ ctx, campaign, devices, plan, verifiedAtS, campaignEndUs, medium, traffic });
  return {
    scenario: s,
    simulatorVersion: SIMULATOR_VERSION,
    summary,
    devices,
    transmissions: ctx.txlog.table(),
    dutyCycle: dutyCycleSeries(ctx.gateways, campaignEndUs),
    phases,
    timing: { wallTimeS: (performance.now() - t0) / 1000, peakRssBytes: process.memoryUsage().rss },
  };
}
