/**
 * One simulation run: scenario in, RunResult out. Deterministic: the same scenario (and seed) gives
 * the same result, except `timing`.
 *
 * The campaign (campaign/campaign.ts) runs its phases on one kernel (pass.ts): setup over class A,
 * the multicast session (distribution.ts; class B adds beacons.ts) or unicast fragments, status and
 * repair rounds, and each device's report and reboot; background traffic (traffic.ts) runs from the
 * campaign start to its end through the shared uplink medium. Then energy and tables (finalize.ts,
 * summary.ts).
 *
 * A setup probe (a pass that runs setup alone, campaign/session-time.ts) comes first when the session
 * is booked "after-setup" (for a class C group it then goes on as the run: setup once), and after the
 * run when a booking cut setup short: it says when each device the session could reach would have
 * been set up (fleetReadyS, leadTimeFor…S).
 */
import { buildFirmwarePackage, type FirmwarePackage } from '../fuota/image/package.js';
import { fragmentPlan, type FragmentPlan } from '../fuota/ts004/sizing.js';
import type { ResolvedScenario } from '../scenario/types.js';
import { isoToGpsUs } from '../lorawan/gps.js';
import type { Campaign } from './campaign/campaign.js';
import { earliestSessionStartUs, scenarioBooking, type Booking } from './campaign/session-time.js';
import type { RunContext } from './context.js';
import { DevFlag } from './campaign/state.js';
import { diagnose } from './diagnosis.js';
import { deviceFacts, sessionFacts } from './diagnosis-facts.js';
import { deviceTable, finishEnergy } from './finalize.js';
import { advancePass, continueBooked, freshWorld, runPass, startPass, type Pass, type PassOptions, type RunningPass } from './pass.js';
import { probeOnThread, probeSetup, ProbeThread, readinessOf, type Readiness } from './probe-thread.js';
import { campaignResults, finalStatuses, readyTimesS } from './results.js';
import { dutyCycleSeries } from './summary.js';
import type { RunResult } from './types.js';
import type { UplinkMedium } from './uplinks.js';
import type { DeviceOrderKind } from './device-order.js';
import { buildWorld, type World } from './world.js';

export const SIMULATOR_VERSION = '0.1.0';

/** Share of the progress bar given to the setup probe (about a third of an after-setup run's time in the default town). */
const PROBE_SHARE = 0.3;

export interface SimulateOptions {
  /** called now and then with the share of the campaign elapsed (0..1, an estimate until the session is known; progress.ts) and its stage */
  onProgress?: (fraction: number, stage?: string) => void;
  /** keep every frame for transmissions.csv (also on when the scenario's outputs.transmissions is) */
  trace?: boolean;
  /** also record what each frame carried (device, message, argument) for the frame capture (`--pcap`); implies trace */
  frameDetails?: boolean;
  /** called once the campaign is over, before the tables are built (tests and the frame capture look at the run's state) */
  onFinish?: (ctx: RunContext, campaign: Campaign, pkg: FirmwarePackage, medium: UplinkMedium) => void;
  /** called once the models are built, before anything happens (validation attaches observers) */
  onStart?: (ctx: RunContext, campaign: Campaign) => void;
  /** evaluate every device-frame in full, nothing left out (tests compare it with the default path; same results) */
  reference?: boolean;
  /**
   * how the per-device state is stored (device-order.ts); default by strongest gateway, as numbered
   * with `reference`. Results are the same either way (tests run "scrambled" to check it).
   */
  deviceOrder?: DeviceOrderKind;
  /**
   * run the setup probe a booking that cuts setup short needs on a thread of its own, beside the rest
   * of the run (probe-thread.ts); default: on a fleet of PROBE_THREAD_MIN_DEVICES or more, from the
   * main thread of a machine with two cores or more. Results are the same either way.
   */
  probeThread?: boolean;
  /**
   * walk the burst process's sojourns ahead on a thread of its own (radio/burst-ahead.ts); default: on
   * a fleet of BURST_AHEAD_MIN_DEVICES or more, from the main thread of a machine with two cores or
   * more. Results are the same either way.
   */
  burstThread?: boolean;
  /**
   * take the decoders' uncoded fragments on a thread of their own (decoder-pipe.ts); default: on a
   * fleet of DECODER_THREAD_MIN_DEVICES or more, from the main thread of a machine with two cores or
   * more. Results are the same either way.
   */
  decoderThread?: boolean;
  /**
   * with an "after-setup" booking, simulate setup once: the setup probe goes on as the booked run
   * when it can (`canGoOn`); false runs the probe and then a second pass from the campaign start, as
   * a check (tests compare the two). Default true. A run with `onStart` always takes two passes: its
   * observers see the pass that becomes the run from its start.
   */
  setupOnce?: boolean;
}

/**
 * Whether a probe that ended at its kernel's `now` can go on as the pass booked at `startUs`: it
 * ended with setup (not at the time limit or with nothing left to do), and strictly before
 * SessionTime (an event at SessionTime itself sees the session in the booked pass).
 */
function canGoOn(p: RunningPass, startUs: number): boolean {
  return !Number.isNaN(p.campaign.endUs) && p.kernel.now < startUs;
}

type Progress = (fraction: number, stage?: string) => void;

/** `report`, never going back: a second pass after a probe that could not go on starts its own count over. */
function monotonic(report: Progress | undefined): Progress | undefined {
  if (report === undefined) return undefined;
  let top = 0;
  return (f, stage) => {
    top = Math.max(top, f);
    report(top, stage);
  };
}

/** What an "after-setup" booking gives: the run itself (setup once), or its booking and the probe's readiness. */
type AfterSetup =
  | { kind: 'run'; main: Pass; probe: Readiness }
  | { kind: 'booked'; booking: Booking; probe: Readiness; worldTaken: boolean };

/**
 * "after-setup" with class A setup of a multicast group: the earliest booking that loses no reachable
 * device (session-time.ts). A class C group's probe runs as the run's own pass and, when it can
 * (`canGoOn`), goes on as the booked run, so setup is simulated once. A class B group takes two
 * passes: its beacons start 128 s before SessionTime (BEACON_PREROLL), and SessionTime is the next
 * beacon after the last answer, so the booked pass differs from the probe's before the probe ends.
 */
function bookAfterSetup(
  s: ResolvedScenario, world: World, pkg: FirmwarePackage, plan: FragmentPlan, opts: SimulateOptions,
  passOptions: Pick<PassOptions, 'trace' | 'frameDetails' | 'burstThread' | 'decoderThread'>, progress: Progress | undefined,
): AfterSetup {
  const campaignStartUs = s.fuotaTask.startTimeS * 1e6;
  const goOn = opts.setupOnce !== false && opts.onStart === undefined && s.multicastGroup.dlClass === 'ClassC';
  let running: RunningPass | null = null;
  let probe: Readiness;
  if (goOn) {
    running = startPass(world, pkg, plan, { kind: 'probe' }, { ...passOptions, onProgress: progress });
    probe = readinessOf(advancePass(running));
  } else {
    // on a fleet of its own, without outputs, in the first PROBE_SHARE of the bar
    probe = probeSetup(world, pkg, plan, {
      burstThread: opts.burstThread,
      onProgress: progress === undefined ? undefined : (f, stage) => progress(PROBE_SHARE * f, `booking: ${stage ?? 'setup'}`),
    });
  }
  const ready = readyTimesS(probe.setUpAtUs, campaignStartUs);
  const readyUs = ready.length > 0 ? campaignStartUs + ready[ready.length - 1] * 1e6 : probe.campaignEndUs;
  const startUs = earliestSessionStartUs(s, isoToGpsUs(s.startTime), readyUs);
  if (running !== null && canGoOn(running, startUs)) return { kind: 'run', main: continueBooked(running, startUs), probe };
  return { kind: 'booked', booking: { kind: 'fixed', startUs }, probe, worldTaken: goOn };
}

export function simulate(s: ResolvedScenario, opts: SimulateOptions = {}): RunResult {
  const t0 = performance.now();
  const world = buildWorld(s, opts.reference === true, opts.deviceOrder ?? (opts.reference === true ? 'identity' : 'space'));
  const pkg = buildFirmwarePackage(s.firmware, s.seed);
  const plan = fragmentPlan(pkg.payload.length, s.fuotaTask.fragmentSizeBytes, s.fuotaTask.redundancyPercent);
  const classASetup = s.setup.mode === 'classA' && s.fuotaTask.mode === 'multicast';
  const progress = monotonic(opts.onProgress);
  const passOptions = {
    trace: opts.trace === true || opts.frameDetails === true || s.outputs.transmissions,
    frameDetails: opts.frameDetails === true,
    burstThread: opts.burstThread,
    decoderThread: opts.decoderThread,
  };

  let probe: Readiness | null = null;
  let booking: Booking | null = scenarioBooking(s);
  /** the probe's pass ran on `world`'s fleet (a pass after it needs a fresh one) */
  let worldTaken = false;
  if (booking === null && !classASetup) {
    // "after-setup" with no class A setup to wait for: the earliest booking after the campaign start
    booking = { kind: 'fixed', startUs: earliestSessionStartUs(s, isoToGpsUs(s.startTime), s.fuotaTask.startTimeS * 1e6) };
  }
  if (booking === null) {
    const after = bookAfterSetup(s, world, pkg, plan, opts, passOptions, progress);
    if (after.kind === 'run') {
      progress?.(1);
      opts.onFinish?.(after.main.ctx, after.main.campaign, pkg, after.main.medium);
      return finish(s, after.main, after.probe, pkg, plan, t0);
    }
    ({ booking, probe, worldTaken } = after);
  }
  // a fixed booking that cuts setup short needs the probe after the run: on a large fleet it starts
  // on a thread of its own as soon as the session cuts setup, and runs beside the rest of the run
  const mayCut = classASetup && probe === null && booking.kind === 'fixed';
  const threaded = mayCut && probeOnThread(s, opts.probeThread);
  let probeThread = null as ProbeThread | null; // started by onStep, which the compiler does not follow
  // while the probe's thread runs, the bar is the slower of the run and the probe's setup, and says
  // when the probe is what holds it
  const withProbe = (f: number, stage?: string): void => {
    const p = probeThread === null ? null : probeThread.progress();
    const probeLags = p !== null && p.share < f;
    progress!(Math.min(0.99, probeLags ? p.share : f), probeLags ? `${stage ?? 'session'} · readiness probe: setup ${p.setUp}/${s.devices.count} devices` : stage);
  };
  try {
    // after a probe that could not go on, this pass starts from a fleet of its own
    const main = runPass(worldTaken ? freshWorld(world) : world, pkg, plan, booking, {
      ...passOptions,
      onProgress: progress === undefined ? undefined
        : probe !== null ? (f, stage) => progress(Math.min(0.99, PROBE_SHARE + (1 - PROBE_SHARE) * f), stage)
        : threaded ? withProbe : progress,
      onStart: opts.onStart,
      onStep: !threaded ? undefined : (c) => {
        if (probeThread === null && c.setup.cutAtSession > 0) probeThread = new ProbeThread(world, pkg, plan);
      },
    });
    const { campaign } = main;
    // a booking that cut setup short: how far ahead it should have been comes from setup left to finish
    const cut = mayCut && campaign.setup.cutAtSession > 0;
    if (cut && probeThread !== null) {
      probe = probeThread.result(progress === undefined ? undefined : () => withProbe(1, 'waiting for the readiness probe'));
    }
    progress?.(1);
    opts.onFinish?.(main.ctx, campaign, pkg, main.medium);
    // no thread yet (a run that ended within a step of its session, or none asked for): on this one
    if (cut && probe === null) probe = probeSetup(world, pkg, plan, { burstThread: opts.burstThread });
    return finish(s, main, probe ?? readinessOf(main), pkg, plan, t0);
  } finally {
    probeThread?.stop();
  }
}

/** Energy, diagnosis and tables of the run `main`, given the readiness of the pass that let setup run to its end. */
function finish(s: ResolvedScenario, main: Pass, readiness: Readiness, pkg: FirmwarePackage, plan: FragmentPlan, t0: number): RunResult {
  const { ctx, campaign, campaignEndUs } = main;
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
  const facts = deviceFacts(main, readiness);
  const diagnosis = diagnose(facts, sessionFacts(main, plan.nbFrag));
  const devices = deviceTable(ctx, energy, diagnosis.reason, facts);
  const readyAtS = campaign.core.multicast ? readyTimesS(readiness.setUpAtUs, ctx.campaignStartUs) : null;
  const { summary, phases } = campaignResults({ ...main, devices, plan, verifiedAtS, readyAtS, diagnosis });
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
