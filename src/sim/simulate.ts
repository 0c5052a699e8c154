/**
 * One simulation run: scenario in, RunResult out. Deterministic: the same scenario (and seed) gives
 * the same result, except `timing`.
 *
 * Phases: setup (setup.ts) → multicast distribution (distribution.ts; class B adds beacons.ts) with
 * background traffic (traffic.ts) → end of session → energy and tables (finalize.ts, summary.ts).
 */
import { createHash } from 'node:crypto';
import { Kernel, Priority } from '../engine/kernel.js';
import { Purpose, hash4, uniform } from '../engine/rng.js';
import { fragmentPlan } from '../fuota/ts004/sizing.js';
import { encodeFragments } from '../fuota/ts004/encoder.js';
import { syntheticImage } from '../fuota/image/synthetic.js';
import { isoToGpsUs } from '../lorawan/gps.js';
import { BEACON_PERIOD_US } from '../lorawan/classb.js';
import { geInitialState } from '../radio/burst.js';
import type { ResolvedScenario } from '../scenario/types.js';
import { BeaconModel, groupPingSlots } from './beacons.js';
import type { RunContext } from './context.js';
import { FEED_MEMORY_FAILURE, FleetDecoders } from './decoders.js';
import { Distribution } from './distribution.js';
import { Ev } from './events.js';
import { chargeListening, deviceTable } from './finalize.js';
import { GatewayRadio } from './gateway.js';
import { deviceRole } from './mix.js';
import { instantSetup } from './setup.js';
import { buildSummary, dutyCycleSeries, maxDutyCycle } from './summary.js';
import { BackgroundTraffic } from './traffic.js';
import { UplinkMedium } from './uplinks.js';
import { ClassADownlinks } from './classa-downlink.js';
import { TxLog } from './txlog.js';
import { STATUS_INDEX, buildWorld } from './world.js';
import type { RunResult } from './types.js';

export const SIMULATOR_VERSION = '0.1.0';

export interface SimulateOptions {
  /** called now and then with the share of the session elapsed (0..1) */
  onProgress?: (fraction: number) => void;
  /** keep every frame for transmissions.csv (also on when the scenario's outputs.transmissions is) */
  trace?: boolean;
}

const PHASE_DISTRIBUTION_DONE = 1;

/** The image bytes as sent (synthetic unless a file is given). */
function imageBytes(s: ResolvedScenario): Uint8Array {
  return syntheticImage(s.firmware.sizeBytes, s.seed);
}

export function simulate(s: ResolvedScenario, opts: SimulateOptions = {}): RunResult {
  const t0 = performance.now();
  const world = buildWorld(s);
  const { fleet } = world;
  const image = imageBytes(s);
  const plan = fragmentPlan(image.length, s.fuotaTask.fragmentSizeBytes, s.fuotaTask.redundancyPercent);
  const totalFragments = plan.nbFrag + plan.codedCount;

  let distribution: Distribution | null = null;
  let beacons: BeaconModel | null = null;
  let traffic: BackgroundTraffic | null = null;
  let medium: UplinkMedium | null = null;
  let classA: ClassADownlinks | null = null;
  let distributionDoneUs = -1;
  const kernel = new Kernel((kind, a) => {
    switch (kind) {
      case Ev.release: return distribution!.onRelease(a);
      case Ev.gatewayTry: return distribution!.onGatewayTry(a);
      case Ev.frameEnd:
        distribution!.onFrameEnd(a);
        if (distribution!.idle && distributionDoneUs < 0) kernel.after(0, Ev.phase, PHASE_DISTRIBUTION_DONE, 0, Priority.late);
        return;
      case Ev.beacon: return beacons!.onBeacon();
      case Ev.uplinkStart: return traffic!.onStart(a);
      case Ev.uplinkEnd: return medium!.onEnd(a);
      case Ev.classADownlink: return classA!.onWindow(a);
      case Ev.sessionEnd:
      case Ev.phase:
        if (distributionDoneUs < 0) distributionDoneUs = kernel.now;
        return kernel.stop();
    }
  });

  const ctx: RunContext = {
    world,
    kernel,
    gateways: s.gateways.positions.map((_, g) => new GatewayRadio(g, world.region, s.gateways.dutyCycle)),
    txlog: new TxLog(opts.trace === true || s.outputs.transmissions),
    campaignStartUs: s.fuotaTask.startTimeS * 1e6,
    sessionStartUs: 0,
    sessionEndUs: 0,
    members: new Int32Array(0),
    gpsEpochUs: isoToGpsUs(s.startTime),
  };

  // --- setup
  const setup = instantSetup(ctx);
  ctx.members = setup.members;
  const classB = s.multicastGroup.dlClass === 'ClassB';
  ctx.sessionStartUs = sessionStartUs(s, ctx, setup.endUs, classB);
  ctx.sessionEndUs = ctx.sessionStartUs + s.multicastGroup.sessionTimeoutS * 1e6;

  for (const d of ctx.members) {
    fleet.listenToUs[d] = ctx.sessionEndUs;
    // class C: the device switches at SessionTime by its own clock; class B waits for a beacon
    fleet.listenFromUs[d] = classB ? Infinity : ctx.sessionStartUs + fleet.clockErrorUs[d];
    if (s.channel.burst.model === 'gilbert-elliott') {
      fleet.geState[d] = geInitialState(uniform(s.seed, Purpose.burstStep, d, 0x7fffffff), s.channel.burst.pGoodToBad, s.channel.burst.pBadToGood);
    }
  }

  // --- decoders: rows-only for every device, payload for a sample
  const sample = payloadSample(s, ctx.members);
  const payloads = sample.length > 0 ? encodeFragments(image, s.fuotaTask.fragmentSizeBytes, plan.codedCount, s.fuotaTask.fec).map((f) => tamper(f.data, s, f.n)) : null;
  const decoders = new FleetDecoders({
    count: fleet.count,
    nbFrag: plan.nbFrag,
    fragSizeBytes: s.fuotaTask.fragmentSizeBytes,
    paddingBytes: plan.paddingBytes,
    variant: s.fuotaTask.fec,
    maxLost: s.devices.memoryFragments,
    sample,
    payloads,
  });
  const memoryFailed = new Uint8Array(fleet.count);
  const wrapped = {
    feed(d: number, n: number): number {
      const r = decoders.feed(d, n);
      if (r === FEED_MEMORY_FAILURE) {
        memoryFailed[d] = 1;
        fleet.listenToUs[d] = Math.min(fleet.listenToUs[d], kernel.now);
      }
      return r;
    },
  };

  // --- distribution
  const slots = classB ? groupPingSlots(ctx, ctx.sessionStartUs, ctx.sessionEndUs) : null;
  distribution = new Distribution(ctx, wrapped, totalFragments, slots);
  // class C: fragments start one clock tolerance after SessionTime so every synchronised device listens
  const firstReleaseUs = ctx.sessionStartUs + (classB ? 0 : s.setup.clockSyncToleranceS * 1e6);
  distribution.start(firstReleaseUs);
  if (classB) {
    beacons = new BeaconModel(ctx);
    beacons.start();
  }
  medium = new UplinkMedium(ctx);
  classA = new ClassADownlinks(ctx, medium);
  traffic = new BackgroundTraffic(ctx, medium);
  traffic.start(ctx.campaignStartUs);
  kernel.at(ctx.sessionEndUs, Ev.sessionEnd, 0, 0, Priority.late);

  const maxUs = s.simulation.maxDurationS * 1e6;
  const progressStepUs = Math.max(1, (ctx.sessionEndUs - ctx.sessionStartUs) / 100);
  for (let until = ctx.sessionStartUs; ; until += progressStepUs) {
    kernel.run(Math.min(until, maxUs));
    if (distributionDoneUs >= 0 || kernel.now >= maxUs || kernel.pending === 0) break;
    opts.onProgress?.(Math.min(1, (kernel.now - ctx.sessionStartUs) / (ctx.sessionEndUs - ctx.sessionStartUs)));
  }
  if (distributionDoneUs < 0) distributionDoneUs = kernel.now;

  // --- end of the campaign: devices that have not rebuilt the image listen until the session ends
  let lastDecodeUs = -Infinity;
  let anyListening = false;
  for (const d of ctx.members) {
    const dec = fleet.decodedAtUs[d];
    if (dec === dec) lastDecodeUs = Math.max(lastDecodeUs, dec);
    else if (!memoryFailed[d] && fleet.listenToUs[d] > distributionDoneUs) anyListening = true;
  }
  const campaignEndUs = Math.min(maxUs, Math.max(distributionDoneUs, lastDecodeUs, anyListening ? ctx.sessionEndUs : 0));
  traffic.stopUs = campaignEndUs;
  kernel.run(campaignEndUs);
  opts.onProgress?.(1);

  // --- statuses
  const updated: number[] = [];
  for (const d of ctx.members) {
    const role = deviceRole(s, d);
    const dec = fleet.decodedAtUs[d];
    let status: keyof typeof STATUS_INDEX = 'MissingFrag';
    if (memoryFailed[d]) status = 'MemoryError';
    else if (dec === dec) status = role === 'MICError' || s.firmware.tamperBytes > 0 ? 'MICError' : 'Successful';
    if (decoders.isSampled(d) && status === 'Successful' && !sameBytes(decoders.rebuilt(d), image)) status = 'MICError';
    fleet.status[d] = STATUS_INDEX[status];
    if (status === 'Successful') updated.push((dec - ctx.campaignStartUs) / 1e6);
  }
  updated.sort((a, b) => a - b);

  chargeListening(ctx, slots, campaignEndUs);
  const devices = deviceTable(ctx, campaignEndUs);
  const waitUs = ctx.gateways.reduce((acc, g) => acc + g.dutyCycleWaitUs, 0);
  const summary = buildSummary({
    devices,
    updatedAtS: Float64Array.from(updated),
    setupDurationS: (setup.endUs - ctx.campaignStartUs) / 1e6,
    distributionDurationS: distribution.lastFrameEndUs > -Infinity ? (distribution.lastFrameEndUs - ctx.sessionStartUs) / 1e6 : 0,
    campaignDurationS: (campaignEndUs - ctx.campaignStartUs) / 1e6,
    nbFrag: plan.nbFrag,
    fragmentsCoded: plan.codedCount,
    fragmentsSent: distribution.distinctSent,
    fragmentSizeBytes: s.fuotaTask.fragmentSizeBytes,
    paddingBytes: plan.paddingBytes,
    downlinkAirtimeS: ctx.txlog.downlinkAirtimeUs / 1e6,
    uplinkAirtimeS: ctx.txlog.uplinkAirtimeUs / 1e6,
    maxDutyCycle: maxDutyCycle(ctx.gateways),
    dutyCycleWaitS: waitUs / 1e6,
    uplinks: medium.sent,
    uplinkCollisions: medium.collisions,
    backgroundPdr: traffic.uplinks > 0 ? traffic.delivered / traffic.uplinks : null,
    events: kernel.events,
  });

  return {
    scenario: s,
    simulatorVersion: SIMULATOR_VERSION,
    summary,
    devices,
    transmissions: ctx.txlog.table(),
    dutyCycle: dutyCycleSeries(ctx.gateways, campaignEndUs),
    phases: [
      { phase: 'setup', startS: ctx.campaignStartUs / 1e6, endS: setup.endUs / 1e6 },
      { phase: 'distribution', startS: ctx.sessionStartUs / 1e6, endS: distributionDoneUs / 1e6 },
    ],
    timing: { wallTimeS: (performance.now() - t0) / 1000, peakRssBytes: process.memoryUsage().rss },
  };
}

/** Session start: from the scenario, or after setup (class B: aligned to the next beacon period). */
function sessionStartUs(s: ResolvedScenario, ctx: RunContext, setupEndUs: number, classB: boolean): number {
  const start = s.multicastGroup.sessionStart;
  let t = typeof start === 'number' ? start * 1e6 : Math.ceil(setupEndUs / 1e6) * 1e6;
  if (start === 'chirpstack') t = ctx.campaignStartUs + (s.setup.maxRetries + 1) * s.traffic.uplinkIntervalS * 1e6;
  if (classB && typeof start !== 'number') {
    t = Math.ceil((ctx.gpsEpochUs + t) / BEACON_PERIOD_US) * BEACON_PERIOD_US - ctx.gpsEpochUs;
  }
  return Math.max(t, ctx.campaignStartUs);
}

/** The devices that also rebuild the bytes: a deterministic pseudo-random pick among members. */
function payloadSample(s: ResolvedScenario, members: Int32Array): number[] {
  const k = Math.min(s.simulation.payloadSampleDevices, members.length);
  if (k === 0) return [];
  return Array.from(members)
    .map((d) => [hash4(s.seed, Purpose.payloadSample, d, 0), d] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, d]) => d)
    .sort((a, b) => a - b);
}

/** firmware.tamperBytes: flips that many bytes of every fragment on the air (integrity test). */
function tamper(data: Uint8Array, s: ResolvedScenario, n: number): Uint8Array {
  const k = Math.min(s.firmware.tamperBytes, data.length);
  if (k === 0) return data;
  const out = data.slice();
  for (let i = 0; i < k; i++) out[hash4(s.seed, Purpose.firmware, n, i + 1) % out.length] ^= 0xff;
  return out;
}

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  return createHash('sha256').update(a).digest('hex') === createHash('sha256').update(b).digest('hex');
}
