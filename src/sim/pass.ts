/**
 * One pass of the campaign on its own kernel: the gateways' transmitters, the uplink medium, class A
 * downlinks, background traffic and the campaign, from the campaign start until the campaign is over
 * (or, for a setup probe, until every device is set up or out; campaign/session-time.ts).
 */
import { Kernel } from '../engine/kernel.js';
import { BurstAheadThread, burstAheadOnThread } from '../radio/burst-ahead.js';
import { decoderThreadOnRun } from './decoder-pipe.js';
import type { BurstProcess } from '../radio/burst.js';
import type { FirmwarePackage } from '../fuota/image/package.js';
import type { FragmentPlan } from '../fuota/ts004/sizing.js';
import { Campaign } from './campaign/campaign.js';
import type { Booking } from './campaign/session-time.js';
import { ClassADownlinks } from './classa-downlink.js';
import { newRunContext, type RunContext } from './context.js';
import { Ev } from './events.js';
import { Srv } from './campaign/state.js';
import { runProgress } from './progress.js';
import { BackgroundTraffic } from './traffic.js';
import { TxLog } from './txlog.js';
import { UplinkMedium } from './uplinks.js';
import { scenarioFleet, type World } from './world.js';

/** Kernel time between progress reports, µs. */
const PROGRESS_STEP_US = 600e6;

export interface Pass {
  ctx: RunContext;
  campaign: Campaign;
  medium: UplinkMedium;
  traffic: BackgroundTraffic;
  /** when the campaign ended (or the simulation's time limit), µs */
  campaignEndUs: number;
}

export interface PassOptions {
  trace: boolean;
  /** record what each frame carried (frame capture) */
  frameDetails?: boolean;
  onProgress?: (fraction: number, stage?: string) => void;
  /** called once the models are built, before anything happens (validation attaches observers) */
  onStart?: (ctx: RunContext, campaign: Campaign) => void;
  /** called after each step of PROGRESS_STEP_US of kernel time */
  onStep?: (campaign: Campaign) => void;
  /**
   * walk the burst process's sojourns ahead on a thread of its own (radio/burst-ahead.ts); default: on
   * a fleet of BURST_AHEAD_MIN_DEVICES or more, from the main thread of a machine with two cores or
   * more. Results are the same either way.
   */
  burstThread?: boolean;
  /**
   * take the decoders' uncoded fragments on a thread of their own (sim/decoder-pipe.ts); default: on a
   * fleet of DECODER_THREAD_MIN_DEVICES or more, from the main thread of a machine with two cores or
   * more. Results are the same either way.
   */
  decoderThread?: boolean;
}

/** A world with a fresh fleet (the per-device state a pass changes, burst process included); positions and links are shared. */
export function freshWorld(world: World): World {
  return { ...world, fleet: scenarioFleet(world.s, world.fleet.order) };
}

/** A pass under way: what `advancePass` needs to go on with it. */
export interface RunningPass {
  readonly kernel: Kernel;
  readonly ctx: RunContext;
  readonly campaign: Campaign;
  readonly medium: UplinkMedium;
  readonly traffic: BackgroundTraffic;
  readonly opts: PassOptions;
  /** end of the current progress step, µs */
  stepEndUs: number;
  /** the bar's highest share so far */
  shown: number;
}

export function runPass(world: World, pkg: FirmwarePackage, plan: FragmentPlan, booking: Booking, opts: PassOptions): Pass {
  return advancePass(startPass(world, pkg, plan, booking, opts));
}

/** Builds a pass's models and starts its campaign at the campaign start. */
export function startPass(world: World, pkg: FirmwarePackage, plan: FragmentPlan, booking: Booking, opts: PassOptions): RunningPass {
  let campaign: Campaign | null = null;
  let medium: UplinkMedium | null = null;
  let classA: ClassADownlinks | null = null;
  let traffic: BackgroundTraffic | null = null;
  const kernel = new Kernel((kind, a, b) => {
    const dist = campaign!.session?.distribution;
    switch (kind) {
      case Ev.release: return dist!.onRelease(a);
      case Ev.gatewayTry: return dist!.onGatewayTry(a);
      case Ev.slotTry: return dist!.lockstep!.onTry();
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

  const ctx = newRunContext(world, kernel, new TxLog(opts.trace, opts.frameDetails === true));
  medium = new UplinkMedium(ctx);
  classA = new ClassADownlinks(ctx, medium);
  traffic = new BackgroundTraffic(ctx, medium, classA);
  campaign = new Campaign(ctx, medium, classA, plan, pkg, booking);
  // the straightforward evaluation takes every fragment at once
  campaign.devices.decoderThread = !world.reference && decoderThreadOnRun(world.fleet.count, opts.decoderThread);
  opts.onStart?.(ctx, campaign);

  kernel.run(ctx.campaignStartUs); // nothing happens before the campaign starts
  traffic.start(ctx.campaignStartUs);
  campaign.start();
  return { kernel, ctx, campaign, medium, traffic, opts, stepEndUs: ctx.campaignStartUs + PROGRESS_STEP_US, shown: 0 };
}

/** Runs a pass until its campaign is over, the simulation's time limit, or nothing is left to happen. */
export function advancePass(r: RunningPass): Pass {
  const { kernel, ctx, campaign, traffic, opts } = r;
  const { s } = ctx.world;
  const maxUs = s.simulation.maxDurationS * 1e6;
  const { burst } = ctx.world.fleet;
  const ahead = burst !== null && burstAheadOnThread(ctx.world.fleet.count, opts.burstThread) ? walkAheadThread(burst, opts.burstThread === true) : null;
  try {
    ahead?.walkTo(kernel.now);
    stepUntilEnd(r, maxUs, ahead);
  } finally {
    ahead?.stop();
    burst?.stopWalkingAhead();
    campaign.devices.decoders?.stopPipe();
  }
  const campaignEndUs = Number.isNaN(campaign.endUs) ? Math.min(kernel.now, maxUs) : campaign.endUs;
  traffic.stopUs = campaignEndUs;
  return { ctx, campaign, medium: r.medium, traffic, campaignEndUs };
}

/**
 * A thread walking `burst` ahead, or null when one cannot be started and none was asked for (the run
 * then walks every sojourn itself, to the same answers).
 */
function walkAheadThread(burst: BurstProcess, asked: boolean): BurstAheadThread | null {
  try {
    return new BurstAheadThread(burst.walkAhead());
  } catch (err) {
    burst.stopWalkingAhead();
    if (asked) throw err;
    return null;
  }
}

/** The kernel run step by step (progress, and how far the burst walk-ahead may go) until the campaign is over or the time limit. */
function stepUntilEnd(r: RunningPass, maxUs: number, ahead: BurstAheadThread | null): void {
  const { kernel, ctx, campaign, opts } = r;
  const { s } = ctx.world;
  for (; ; r.stepEndUs += PROGRESS_STEP_US) {
    kernel.run(Math.min(r.stepEndUs, maxUs));
    if (!Number.isNaN(campaign.endUs) || kernel.now >= maxUs || kernel.pending === 0) break;
    ahead?.walkTo(kernel.now);
    opts.onStep?.(campaign);
    if (opts.onProgress) {
      const { setUp, share } = setupProgress(campaign);
      const p = runProgress({
        campaignStartUs: ctx.campaignStartUs, nowUs: kernel.now, sessionStartUs: ctx.sessionStartUs, sessionEndUs: ctx.sessionEndUs,
        setUp, devices: ctx.world.fleet.count, setupShare: share, sessionTimeoutUs: s.multicastGroup.sessionTimeoutS * 1e6,
      });
      r.shown = Math.max(r.shown, p.fraction);
      opts.onProgress(r.shown, p.stage);
    }
  }
}

/**
 * Goes on with a setup probe that ended with setup (every device set up or out) at a time before
 * `startUs`, as the pass booked at `startUs` (session-time.ts says why the two are the same up to
 * then); the probe's own outcome must have been read first.
 */
export function continueBooked(r: RunningPass, startUs: number): Pass {
  r.traffic.stopUs = Infinity;
  r.campaign.rebook(startUs);
  return advancePass(r);
}

/** How far setup has come. */
export interface SetupProgress {
  /** devices set up (answered the session request) or out */
  setUp: number;
  /** share of setup steps done, 0..1: each device counts its steps up to `setUp`, and 1 once there or out */
  share: number;
}

export function setupProgress(campaign: Campaign): SetupProgress {
  let setUp = 0;
  let steps = 0;
  const { srvStep } = campaign.core.st;
  for (const step of srvStep) {
    if (step >= Srv.setUp) setUp++;
    steps += step >= Srv.setUp ? 1 : step / Srv.setUp;
  }
  return { setUp, share: srvStep.length > 0 ? steps / srvStep.length : 1 };
}
