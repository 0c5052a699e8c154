/**
 * One benchmark run in its own process (so its peak memory is its own):
 * `node dist/bench/sim-once.js <scenario.json> <devices> [--image-bytes N] [--probe-thread on|off] [--burst-thread on|off] [--decoder-thread on|off]`
 * prints one JSON line of figures: wall and CPU time (user + system, every thread of the process),
 * peak RSS (getrusage maxrss, as /usr/bin/time -v reports it), events, device-frames covered by the
 * multicast loop (and how many of them it evaluated in full) and their rate, and the CPU time spent
 * before the session began. `--probe-thread` forces
 * where a setup probe runs (src/sim/probe-thread.ts), `--burst-thread` whether the burst process is
 * walked ahead on a thread (src/radio/burst-ahead.ts), `--decoder-thread` whether the decoders'
 * uncoded fragments go through a ring to a thread (src/sim/decoder-pipe.ts); default: their own rules.
 */
import { readFileSync } from 'node:fs';
import { mainThreadCpuS } from './thread-cpu.js';
import { dirname, resolve } from 'node:path';
import { resolveScenario } from '../src/scenario/resolve.js';
import type { FrameReceiver } from '../src/sim/reception.js';
import type { UplinkMedium } from '../src/sim/uplinks.js';
import { simulate } from '../src/sim/simulate.js';

const args = process.argv.slice(2);
const [file, countArg] = args;
const imageAt = args.indexOf('--image-bytes');
const raw = JSON.parse(readFileSync(file, 'utf8')) as { devices: { count: number }; firmware: { sizeBytes: number } };
raw.devices.count = Number(countArg);
if (imageAt >= 0) raw.firmware.sizeBytes = Number(args[imageAt + 1]);
const threadAt = args.indexOf('--probe-thread');
const probeThread = threadAt < 0 ? undefined : args[threadAt + 1] === 'on';
const burstAt = args.indexOf('--burst-thread');
const burstThread = burstAt < 0 ? undefined : args[burstAt + 1] === 'on';
const decoderAt = args.indexOf('--decoder-thread');
const decoderThread = decoderAt < 0 ? undefined : args[decoderAt + 1] === 'on';
// the national-scale case is beyond the limits a run may ask for without --allow-large (docs/scenarios.md)
const scenario = resolveScenario(raw, { baseDir: dirname(resolve(file)), allowLarge: true });
const baseRss = process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const finished: { receiver: FrameReceiver | null; captureChecks: number; medium: UplinkMedium | null; burstWalked: number; burstTaken: number; ringByThread: number; ringHere: number } = {
  receiver: null, captureChecks: 0, medium: null, burstWalked: 0, burstTaken: 0, ringByThread: 0, ringHere: 0,
};
// CPU spent before the session: read at the first progress report in the session (reports come
// every 600 simulated seconds, pass.ts), so it includes up to 10 minutes of the session's start; the
// reports cost the run what they cost a CLI run with its progress bar (a pass over the devices' setup
// steps each time, setupProgress)
let cpuBeforeSessionS: number | null = null;
const r = simulate(scenario, {
  probeThread,
  burstThread,
  decoderThread,
  onProgress: (_fraction, stage) => {
    if (stage !== 'session' || cpuBeforeSessionS !== null) return;
    const c = process.cpuUsage(cpu0);
    cpuBeforeSessionS = (c.user + c.system) / 1e6;
  },
  onFinish: (ctx, campaign, _pkg, medium) => {
    finished.receiver = campaign.session?.distribution?.receiver ?? null;
    finished.captureChecks = ctx.downlinkRx?.checks ?? 0;
    finished.medium = medium;
    finished.burstWalked = ctx.world.fleet.burst?.steps ?? 0;
    finished.burstTaken = ctx.world.fleet.burst?.takenAhead ?? 0;
    const ring = campaign.devices.decoders?.pipeApplied() ?? { byThread: 0, here: 0 };
    finished.ringByThread = ring.byThread;
    finished.ringHere = ring.here;
  },
});
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
const mainCpuS = mainThreadCpuS();
// counted after the clock stops: the covered device-frames are the benchmark's measure, worked out
// from the final listening windows (coverage.ts), not work a run does
const deviceFrames = finished.receiver?.evaluations ?? 0;
const evaluated = finished.receiver?.fullEvaluations ?? 0;
let receptions = 0;
for (let d = 0; d < r.devices.count; d++) receptions += r.devices.fragmentsReceived[d];
const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    devices: r.devices.count,
    imageBytes: scenario.firmware.sizeBytes,
    gateways: scenario.gateways.positions.length,
    wallS,
    cpuS,
    /** CPU time of the run's own thread alone (without the burst walk-ahead's, a probe's); null where /proc is not there */
    mainThreadCpuS: mainCpuS,
    userS: cpu.user / 1e6,
    sysS: cpu.system / 1e6,
    events: r.summary.events,
    eventsPerS: r.summary.events / wallS,
    uplinks: r.summary.uplinks,
    deviceFrames,
    /** of these, evaluated in full (the rest: copies of fragments the device held, reception.ts) */
    deviceFramesEvaluated: evaluated,
    /** downlink capture checks (DownlinkRx.interferenceOk) of the run's pass, class A answers included */
    captureChecks: finished.captureChecks,
    /** multicast frames past their gateway's remembered capture patterns, and those a lesser pattern answered for (capture-memo.ts) */
    framesWithoutMemo: finished.receiver?.framesWithoutMemo ?? 0,
    framesWithLesser: finished.receiver?.framesWithLesser ?? 0,
    /** reach-list positions the multicast loop looked at (the rest: remembered capture failures skipped unseen) */
    positionsVisited: finished.receiver?.positionsVisited ?? 0,
    /** uplink receivers worked out on demand (uplinks.ts): gateways tried, decisions with overlapping uplinks, those uplinks in total, and decisions stopped at a sure capture loss */
    uplinkGatewaysTried: finished.medium?.gatewaysTried ?? 0,
    uplinkOverlapDecisions: finished.medium?.overlapDecisions ?? 0,
    uplinkOverlapsWeighed: finished.medium?.overlapsWeighed ?? 0,
    uplinkSureLosses: finished.medium?.sureLosses ?? 0,
    /** burst sojourns walked on the run's thread, and looks that took the walk-ahead thread's sojourn instead (src/radio/burst-ahead.ts) */
    burstSojournsWalked: finished.burstWalked,
    burstLooksTakenAhead: finished.burstTaken,
    ringAppliedByThread: finished.ringByThread,
    ringAppliedHere: finished.ringHere,
    deviceFramesPerS: deviceFrames / wallS,
    deviceFramesPerCpuS: deviceFrames / cpuS,
    /** CPU time of the whole run per multicast device-frame */
    cpuNsPerDeviceFrame: deviceFrames > 0 ? (cpuS * 1e9) / deviceFrames : 0,
    /**
     * CPU time until the session began (setup, background uplinks while the session waits for its
     * booked start), and the same per multicast device-frame for the rest of the run; null without
     * a session report (the run ended first or the session began within the first progress step)
     */
    cpuBeforeSessionS,
    cpuNsPerDeviceFrameFromSession: cpuBeforeSessionS !== null && deviceFrames > 0 ? ((cpuS - cpuBeforeSessionS) * 1e9) / deviceFrames : null,
    receptionsPerS: receptions / wallS,
    peakRssMiB: peakRss / 2 ** 20,
    bytesPerDevice: Math.max(0, peakRss - baseRss) / r.devices.count,
    updatedRatio: r.summary.updatedRatio,
    timeTo95S: r.summary.timeTo95S,
  }),
);
