/**
 * Limits up front: before anything runs, the work a resolved scenario asks for is estimated from
 * its fields alone (no world is built), and a run or a sweep beyond the documented limits is
 * refused with the fields that drive it, unless the user passes `--allow-large` (library:
 * `allowLarge`). The estimates are upper estimates for planning, not predictions; the limits are
 * set so that the large campaigns people plan for pass by default (100 000 devices, a 1 MB image,
 * 25 gateways) and national-scale ones (1 000 000 devices, 100 gateways) pass with the flag.
 * docs/scenarios.md ("Limits") gives the formulas.
 *
 * One rule is physical and holds whatever the flag: a device's background uplinks cannot come
 * faster than one class A cycle (minUplinkIntervalS).
 */
import type { FragmentPlan } from '../fuota/ts004/sizing.js';
import { RX2_DELAY_US } from '../lorawan/classa.js';
import { FRAME_OVERHEAD_BYTES } from '../lorawan/frames.js';
import type { Region } from '../lorawan/regions/index.js';
import { lorawanUplinkAirtimeUs } from '../radio/airtime.js';
import type { ResolvedScenario } from './types.js';

/** What a run may ask for without `--allow-large`. */
export const RUN_LIMITS = Object.freeze({
  /** simulation events (frames, uplinks, setup and status messages) */
  events: 500e6,
  /** device-frames: each fragment copy a gateway sends × each device that may hear it */
  deviceFrames: 50e9,
  /** estimated peak memory, bytes */
  memoryBytes: 4 * 2 ** 30,
});

/** What a sweep may ask for without `--allow-large`. */
export const SWEEP_LIMITS = Object.freeze({
  /** points of the cartesian product (checked before it is expanded) */
  points: 10_000,
  /** runs: points × replications */
  runs: 10_000,
  /** device-frames summed over every run */
  deviceFrames: 500e9,
});

/** Limits that hold even with `--allow-large`: beyond them fuota-sim itself could not keep the plan in memory. */
export const HARD_LIMITS = Object.freeze({ points: 1_000_000, runs: 1_000_000, sweepKeys: 64 });

/** The option that lifts RUN_LIMITS and SWEEP_LIMITS. */
export const ALLOW_LARGE = '--allow-large';

/**
 * The period jitter of background uplinks, µs: each period is the interval ± up to 1 s, as
 * LoRaMac-node's example applications draw it (APP_TX_DUTYCYCLE_RND); sim/traffic.ts applies it.
 */
const PERIOD_JITTER_US = 1_000_000;

/**
 * Shortest background uplink interval, s: one class A cycle. After an uplink a device listens in RX1
 * and RX2 and sends nothing new before RX2 has passed (RX2 opens RECEIVE_DELAY2 = 2 s after the
 * uplink ends, lorawan-facts.md 2.3; LoRaMac-node's MAC stays busy, `LoRaMacIsBusy`, until its RX
 * windows are over). The cycle is the uplink's airtime at the fastest uplink data rate the
 * scenario allows plus that delay, plus the 1 s period jitter, so that every drawn period, not
 * only their mean, is a whole cycle.
 */
export function minUplinkIntervalS(region: Region, payloadBytes: number, uplinkDr: number | null): number {
  const phyBytes = payloadBytes + FRAME_OVERHEAD_BYTES;
  let airtimeUs = Infinity;
  for (const rate of region.dataRates) {
    if (!rate || !rate.uplink || rate.modulation !== 'LoRa' || (uplinkDr !== null && rate.dr !== uplinkDr)) continue;
    airtimeUs = Math.min(airtimeUs, lorawanUplinkAirtimeUs(rate.sf, rate.bwHz, phyBytes));
  }
  if (!Number.isFinite(airtimeUs)) airtimeUs = 0;
  return Math.ceil(airtimeUs + RX2_DELAY_US + PERIOD_JITTER_US) / 1e6;
}

export interface RunEstimate {
  /** simulated time the run may span, s (at most simulation.maxDurationS) */
  horizonS: number;
  uplinks: number;
  events: number;
  deviceFrames: number;
  memoryBytes: number;
  /** of memoryBytes: the images the payload-sample devices rebuild */
  sampleBytes: number;
}

/** Setup messages per device (package version, McGroupSetup, FragSessionSetup, clock sync, session request). */
const SETUP_MESSAGES = 5;
/**
 * Memory model, bytes: a fixed base, per device (state arrays, decoder bookkeeping growing with the
 * fragment count), per device and gateway (link budgets), per payload-sample device (the image it
 * rebuilds, twice) and per traced frame. Fitted from above to measured peak RSS: the benchmark town
 * (docs/benchmarks.md) peaks at 140 MiB with 10 000 devices and 363 MiB with 100 000; estimated 281
 * and 474 MiB (docs/scenarios.md "Limits"). The 52 bytes per link include the loss table twice (by
 * device for uplinks, by ping slot for the multicast loop): the national fleet of 1 000 000 devices
 * behind 100 gateways peaked at 6 964 and 7 076 MiB, estimated 7 208 MiB.
 */
const MEMORY = Object.freeze({ baseBytes: 256 * 2 ** 20, perDeviceBytes: 1536, perDeviceFragmentBytes: 0.5, perDeviceGatewayBytes: 52, perTracedFrameBytes: 64 });

/** The work a resolved scenario asks for (an upper estimate), from its fields and its fragment plan. */
export function estimateRun(s: ResolvedScenario, plan: FragmentPlan, dataLength: number, opts: { trace?: boolean } = {}): RunEstimate {
  const n = s.devices.count;
  const gateways = s.gateways.positions.length;
  const sending = Array.isArray(s.multicastGroup.gateways) ? s.multicastGroup.gateways.length : gateways;
  const tries = 1 + s.setup.maxRetries;
  const intervalS = s.traffic.uplinkIntervalS;
  // class A setup: each message waits for an uplink (or the answer delay) and may be retried
  const setupS = s.setup.mode === 'instant' ? 0 : SETUP_MESSAGES * tries * Math.max(intervalS, s.setup.answerDelayS);
  const start = s.multicastGroup.sessionStart;
  const sessionStartS = typeof start === 'number' ? start
    : start === 'chirpstack' ? s.fuotaTask.startTimeS + tries * intervalS
      : s.fuotaTask.startTimeS + setupS;
  const rounds = 1 + s.completion.repairRounds;
  const afterS = rounds * s.multicastGroup.sessionTimeoutS + s.completion.rebootDelayS + tries * intervalS;
  const horizonS = Math.min(s.simulation.maxDurationS, Math.max(sessionStartS, s.fuotaTask.startTimeS) + afterS);
  const uplinks = intervalS > 0 ? (n * horizonS) / intervalS : 0;
  const fragmentsSent = plan.totalCount + s.completion.repairRounds * Math.max(1, plan.codedCount);
  const unicast = s.fuotaTask.mode === 'unicast';
  const frames = unicast ? n * fragmentsSent : fragmentsSent * sending;
  const deviceFrames = unicast ? n * fragmentsSent : n * fragmentsSent * sending;
  const messages = n * (SETUP_MESSAGES * tries * 2 + 4);
  const events = uplinks + messages + 3 * frames;
  const traced = opts.trace === true || s.outputs.transmissions ? uplinks + messages + frames : 0;
  const sampleBytes = Math.min(n, s.simulation.payloadSampleDevices) * 2 * dataLength;
  const memoryBytes = MEMORY.baseBytes
    + n * (MEMORY.perDeviceBytes + plan.nbFrag * MEMORY.perDeviceFragmentBytes + gateways * MEMORY.perDeviceGatewayBytes)
    + sampleBytes
    + traced * MEMORY.perTracedFrameBytes;
  return { horizonS, uplinks, events, deviceFrames, memoryBytes, sampleBytes };
}

/** 1.2e9 → "1.2e9"; small numbers as they are. */
export function round2(x: number): string {
  if (x < 1e6) return String(Math.round(x));
  const [m, e] = x.toExponential(1).split('e');
  return `${m.replace(/\.0$/, '')}e${Number(e)}`;
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/** Problems of a run beyond RUN_LIMITS, each naming the field that drives it (none when `allowLarge`). */
export function runLimitProblems(s: ResolvedScenario, plan: FragmentPlan, e: RunEstimate, opts: { allowLarge?: boolean } = {}): string[] {
  if (opts.allowLarge) return [];
  const n = s.devices.count;
  const g = s.gateways.positions.length;
  const out: string[] = [];
  const over = (field: string, what: string, limit: string, how: string, fix: string) =>
    out.push(`${field}: ${what} (${how}), more than the ${limit} a run may ask for without ${ALLOW_LARGE}; allowed: ${fix}, or pass ${ALLOW_LARGE} if you mean it`);
  if (e.events > RUN_LIMITS.events) {
    const byUplinks = e.uplinks >= e.events / 2;
    over(byUplinks ? 'traffic.uplinkIntervalS' : 'devices.count', `about ${round2(e.events)} simulation events`, round2(RUN_LIMITS.events),
      byUplinks
        ? `${n} devices × ${round2(e.horizonS)} s simulated / ${s.traffic.uplinkIntervalS} s between uplinks`
        : `${n} devices, their setup and status messages, ${plan.totalCount} fragments from ${g} gateway(s)`,
      byUplinks ? 'a longer interval, fewer devices or a shorter simulation.maxDurationS' : 'fewer devices');
  }
  if (e.deviceFrames > RUN_LIMITS.deviceFrames) {
    over('devices.count', `about ${round2(e.deviceFrames)} device-frames`, round2(RUN_LIMITS.deviceFrames),
      `${n} devices × ${plan.totalCount} fragments × the gateways sending each (${g})`,
      'fewer devices, fewer gateways in multicastGroup.gateways, or fewer fragments (larger fuotaTask.fragmentSizeBytes, less redundancy)');
  }
  if (e.memoryBytes > RUN_LIMITS.memoryBytes) {
    const sampleBytes = e.sampleBytes;
    const bySample = sampleBytes >= e.memoryBytes / 2;
    over(bySample ? 'simulation.payloadSampleDevices' : 'devices.count', `about ${gib(e.memoryBytes)} of memory`, gib(RUN_LIMITS.memoryBytes),
      bySample
        ? `${Math.min(n, s.simulation.payloadSampleDevices)} devices rebuilding the whole image each`
        : `${n} devices, ${g} gateway(s), ${plan.nbFrag} fragments to rebuild`,
      bySample ? 'fewer payload-sample devices' : 'fewer devices or gateways');
  }
  return out;
}
