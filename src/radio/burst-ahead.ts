/**
 * The burst process's sojourns walked ahead on a second thread (burst.ts).
 *
 * A device's Gilbert–Elliott state at time t needs every sojourn from its first observation up to t:
 * each is one counter-based draw and a logarithm. When the session is booked long after setup (48 h
 * in the national benchmark), a device's first look in the session walks some two thousand
 * sojourns, and in a large fleet those walks take about 6 % of the run's time. They depend only
 * on the scenario and the device's first observation, so a thread walks them ahead while the run goes
 * on: the run's thread publishes each device's first observation and, between progress steps, how far
 * the kernel has come (`walkTo`); the thread brings every started device's sojourn up to that time and
 * publishes it (`walkAheadTo`). A look that would walk takes the published sojourn instead when it is
 * further on and starts at or before the look's time, then walks the rest itself.
 *
 * The thread's walk is the run's own walk: the same draws, the same arithmetic in the same order from
 * the same origin, so a published sojourn is the one the run's thread would have reached, and no
 * answer depends on how far the thread got (test/radio/burst-ahead.test.ts). A sojourn is published
 * under a sequence number (odd while it is written), so a look never takes one half written.
 */
import { hashA, Purpose, uniform, uniformB } from '../engine/rng.js';
import type { Worker } from 'node:worker_threads';
import { sharedBuffer, startHelperThread, threadBesideRun } from '../engine/worker-file.js';

/** Fleets from this size walk ahead on a thread when the machine has a second core: a worker takes about 0.1 s to start. */
export const BURST_AHEAD_MIN_DEVICES = 10_000;

/**
 * A look asks for the thread's sojourn only when its walk would pass more than this beyond the end of
 * the sojourn it holds, µs: the thread's target lags the kernel by up to a progress step (600 s,
 * pass.ts), so a shorter walk is seldom behind the thread's, and walking a few sojourns (about eight
 * of 73.5 s on average in the national benchmark) costs less than the three reads of shared memory
 * that asking takes. Only speed depends on it.
 */
export const AHEAD_WORTH_US = 600e6;

/** ctrl[TARGET]: how far the run's kernel has come, whole seconds; ctrl[STOP]: 1 to end the thread; ctrl[PASSES]: passes over the fleet done */
const TARGET = 0;
const STOP = 1;
const PASSES = 2;
/** devices walked between looks at the stop flag */
const STOP_CHECK_EVERY = 4096;

/** What the run's thread and the walking thread share (all views on shared memory but the parameters). */
export interface AheadShared {
  count: number;
  seed: number;
  /** hashKey(seed, Purpose.burstStep) */
  key: number;
  meanBadUs: number;
  meanGoodUs: number;
  piBad: number;
  /** slot → device (the draws are the device's) */
  deviceOf: Int32Array;
  /** per slot: the first observation, µs, written before `started` */
  origin: Float64Array;
  /** per slot: 1 once `origin` is written */
  started: Int32Array;
  /** per slot: the published sojourn's sequence number (0: none yet; odd: being written) */
  seq: Int32Array;
  /** per slot: the published sojourn: index, state, start and end (µs) */
  sojourn: Uint32Array;
  state: Uint8Array;
  fromUs: Float64Array;
  untilUs: Float64Array;
  /** [TARGET, STOP, PASSES] */
  ctrl: Int32Array;
}

export function newAheadShared(
  count: number, seed: number, key: number, meanBadUs: number, meanGoodUs: number, piBad: number, deviceOf: Int32Array | null,
): AheadShared {
  const order = new Int32Array(sharedBuffer(4 * count));
  if (deviceOf === null) for (let i = 0; i < count; i++) order[i] = i;
  else order.set(deviceOf);
  return {
    count, seed, key, meanBadUs, meanGoodUs, piBad, deviceOf: order,
    origin: new Float64Array(sharedBuffer(8 * count)),
    started: new Int32Array(sharedBuffer(4 * count)),
    seq: new Int32Array(sharedBuffer(4 * count)),
    sojourn: new Uint32Array(sharedBuffer(4 * count)),
    state: new Uint8Array(sharedBuffer(count)),
    fromUs: new Float64Array(sharedBuffer(8 * count)),
    untilUs: new Float64Array(sharedBuffer(8 * count)),
    ctrl: new Int32Array(sharedBuffer(16)),
  };
}

/** The run's thread: the device in slot i was first observed at originUs (it never changes after). */
export function startDevice(a: AheadShared, i: number, originUs: number): void {
  a.origin[i] = originUs;
  Atomics.store(a.started, i, 1);
}

/**
 * The walking thread's pass: every started device's sojourn brought up to the one holding targetUs
 * (from ≤ targetUs < until), and published. The draws and arithmetic are BurstProcess's (restart and
 * the walk in stateAt), term for term. Returns false when told to stop part way.
 */
export function walkAheadTo(a: AheadShared, targetUs: number): boolean {
  const { count, seed, key, meanBadUs, meanGoodUs, piBad, deviceOf, origin, started, seq, sojourn, state, fromUs, untilUs, ctrl } = a;
  for (let i = 0; i < count; i++) {
    if (i % STOP_CHECK_EVERY === 0 && Atomics.load(ctrl, STOP) === 1) return false;
    if (Atomics.load(started, i) === 0) continue;
    const d = deviceOf[i];
    const n = seq[i]; // only this thread writes it
    let k: number;
    let s: number;
    let from: number;
    let until: number;
    if (n === 0) {
      // BurstProcess.restart: the initial state and the first sojourn's length
      from = origin[i];
      s = uniform(seed, Purpose.burstStep, d, 0) < piBad ? 1 : 0;
      k = 0;
      until = from + -(s === 1 ? meanBadUs : meanGoodUs) * Math.log(uniform(seed, Purpose.burstStep, d, 1));
    } else {
      until = untilUs[i];
      if (targetUs < until) continue;
      k = sojourn[i];
      s = state[i];
      from = fromUs[i];
    }
    const keyA = hashA(key, d);
    while (targetUs >= until) {
      k++;
      s ^= 1;
      from = until;
      until += -(s === 1 ? meanBadUs : meanGoodUs) * Math.log(uniformB(keyA, k + 1));
    }
    Atomics.store(seq, i, n + 1);
    sojourn[i] = k;
    state[i] = s;
    fromUs[i] = from;
    untilUs[i] = until;
    Atomics.store(seq, i, n + 2);
  }
  Atomics.add(ctrl, PASSES, 1);
  return true;
}

/** The walking thread's loop (burst-ahead-worker.ts): a pass each time the target moves, until told to stop. */
export function walkAheadLoop(a: AheadShared): void {
  let done = -1;
  for (;;) {
    if (Atomics.load(a.ctrl, STOP) === 1) return;
    const target = Atomics.load(a.ctrl, TARGET);
    if (target === done) {
      Atomics.wait(a.ctrl, TARGET, target);
      continue;
    }
    if (!walkAheadTo(a, target * 1e6)) return;
    done = target;
  }
}

/**
 * The published sojourn of slot i, when it is further on than `sojourn` and starts at or before tUs:
 * written into `out` ([index, state, from, until]) and true; false otherwise (none yet, being written,
 * not further on, or starting after tUs).
 */
export function publishedSojourn(a: AheadShared, i: number, sojourn: number, tUs: number, out: Float64Array): boolean {
  const n = Atomics.load(a.seq, i);
  if (n === 0 || (n & 1) === 1) return false;
  const k = a.sojourn[i];
  const from = a.fromUs[i];
  if (k <= sojourn || !(from <= tUs)) return false;
  out[0] = k;
  out[1] = a.state[i];
  out[2] = from;
  out[3] = a.untilUs[i];
  // written meanwhile: what was read may mix two sojourns
  return Atomics.load(a.seq, i) === n;
}

/**
 * Whether a run walks its burst sojourns ahead on a thread: asked for (`wanted`), or by default on a
 * large fleet, from the main thread (a sweep's workers already fill the cores) of a machine with a
 * second core, when the worker's script is built.
 */
export function burstAheadOnThread(count: number, wanted: boolean | undefined): boolean {
  return threadBesideRun(wanted, count, BURST_AHEAD_MIN_DEVICES, 'burst-ahead-worker', import.meta.url);
}

/** The walking thread, running from the moment this is made until `stop`. */
export class BurstAheadThread {
  private readonly worker: Worker;
  private stopped = false;

  constructor(readonly shared: AheadShared) {
    // without the thread every look walks its own sojourns, to the same answers
    this.worker = startHelperThread('burst-ahead-worker', import.meta.url, shared);
  }

  /** The kernel has come to nowUs: every later look is at nowUs or after, so the thread may walk up to it. */
  walkTo(nowUs: number): void {
    const s = Math.min(Math.floor(nowUs / 1e6), 0x7fffffff);
    if (s <= Atomics.load(this.shared.ctrl, TARGET)) return;
    Atomics.store(this.shared.ctrl, TARGET, s);
    Atomics.notify(this.shared.ctrl, TARGET);
  }

  /** Passes over the fleet the thread has finished. */
  get passes(): number {
    return Atomics.load(this.shared.ctrl, PASSES);
  }

  /** Ends the thread (a pass under way stops within a few thousand devices). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    Atomics.store(this.shared.ctrl, STOP, 1);
    Atomics.notify(this.shared.ctrl, TARGET);
    void this.worker.terminate();
  }
}
