/**
 * The setup probe (simulate.ts; campaign/session-time.ts) on a second thread.
 *
 * When a fixed booking cuts the class A setup short, the run needs a probe afterwards (setup run
 * again without the session, to its end) to say how far ahead the session should have been booked.
 * The probe depends on the scenario alone, so on a large fleet it starts on a worker thread as soon
 * as the session has cut setup, and runs beside the rest of the run (the session, status, apply):
 * that much of the probe's time leaves the run's wall time. It starts no earlier: a run whose
 * booking does not cut setup (most) would waste a core on a probe nobody reads, and the CPU time
 * benchmarks report would count it.
 *
 * The thread runs the same code on the same world: the scenario, positions, group and firmware
 * package travel by structured clone, the link table by shared memory (links.ts), and the thread
 * builds its own fresh fleet. What comes back is each device's setup time. Results are the same byte
 * for byte whether the probe runs here or there (test/sim/probe-thread.test.ts).
 *
 * `simulate` stays synchronous: the run's thread waits for the probe on an Atomics flag and takes
 * its answer with receiveMessageOnPort.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { FirmwarePackage } from '../fuota/image/package.js';
import type { FragmentPlan } from '../fuota/ts004/sizing.js';
import type { ResolvedScenario } from '../scenario/types.js';
import { reviveError, type PostedError } from '../engine/worker-error.js';
import { resolveWorkerFile, threadBesideRun } from '../engine/worker-file.js';
import type { DeviceOrder } from './device-order.js';
import type { LinkTable } from './links.js';
import { freshWorld, runPass, setupProgress, type Pass, type PassOptions, type SetupProgress } from './pass.js';
import type { Positions } from './placement.js';
import { worldAround, type World } from './world.js';

/**
 * Fleets from this size get the probe on a thread of its own when the session cuts setup: a worker
 * takes about 0.25 s to start (loading the modules, on its own thread), small against a pass of a
 * fleet this size (10 s or more in the national benchmark's scenario).
 */
export const PROBE_THREAD_MIN_DEVICES = 10_000;

/** How long the run's thread sleeps between looks at a probe it waits for, ms. */
const WAIT_SLICE_MS = 1000;

/** What the readiness figures need of the pass that let setup run to its end. */
export interface Readiness {
  /** when each device was set up (answered the session request), µs; NaN when never */
  setUpAtUs: Float64Array;
  /** when that pass ended, µs */
  campaignEndUs: number;
}

export function readinessOf(pass: Pass): Readiness {
  return { setUpAtUs: pass.campaign.core.st.setUpAtUs, campaignEndUs: pass.campaignEndUs };
}

/** The probe on this thread: setup alone on a fresh fleet, to its end. */
export function probeSetup(world: World, pkg: FirmwarePackage, plan: FragmentPlan, hooks: Pick<PassOptions, 'onProgress' | 'onStep' | 'burstThread'> = {}): Readiness {
  return readinessOf(runPass(freshWorld(world), pkg, plan, { kind: 'probe' }, { trace: false, ...hooks }));
}

/**
 * Whether this run puts a probe it may need on a thread of its own: asked for (`wanted`), or by
 * default on a large fleet, from the main thread (a sweep's workers already fill the cores) of a
 * machine with a second core, when the worker's script is built (otherwise the probe runs on the
 * run's thread, as a forced `true` would fail).
 */
export function probeOnThread(s: ResolvedScenario, wanted: boolean | undefined): boolean {
  return threadBesideRun(wanted, s.devices.count, PROBE_THREAD_MIN_DEVICES, 'probe-worker', import.meta.url);
}

/** What the probe's thread is given. */
export interface ProbeInput {
  s: ResolvedScenario;
  positions: Positions;
  links: LinkTable;
  groupGateways: number[];
  reference: boolean;
  /** the fleet's storage order (device-order.ts) */
  order: DeviceOrder;
  pkg: FirmwarePackage;
  plan: FragmentPlan;
}

/** The probe's answer, or the error that stopped it. */
export type ProbeReply =
  | { ok: true; setUpAtUs: Float64Array; campaignEndUs: number }
  | { ok: false; error: PostedError };

/** Run on the probe's thread (probe-worker.ts); its progress goes to `progress` ([set up, share]) after each step. */
export function probeFromInput(input: ProbeInput, progress: Float64Array): Readiness {
  const world = worldAround(input.s, input.positions, input.links, input.groupGateways, input.reference, input.order);
  return probeSetup(world, input.pkg, input.plan, {
    onStep: (campaign) => {
      const p = setupProgress(campaign);
      progress[0] = p.setUp;
      progress[1] = p.share;
    },
  });
}

/** A probe running on its own thread from the moment this is made. */
export class ProbeThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** set to 1 by the thread once its reply is posted */
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  /** [devices set up, share of setup steps done], written by the thread after each step */
  private readonly shared = new Float64Array(new SharedArrayBuffer(16));
  private finished = false;

  constructor(world: World, pkg: FirmwarePackage, plan: FragmentPlan) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const input: ProbeInput = {
      s: world.s, positions: world.positions, links: world.links, groupGateways: world.groupGateways,
      reference: world.reference, order: world.fleet.order, pkg, plan,
    };
    this.worker = new Worker(resolveWorkerFile('probe-worker', import.meta.url), {
      workerData: { input, port: port2, done: this.done, progress: this.shared },
      transferList: [port2],
    });
    // never what keeps the process alive: the run waits for it or stops it
    this.worker.unref();
  }

  /** How far the probe's setup has come, as its thread last wrote it. */
  progress(): SetupProgress {
    return { setUp: this.shared[0], share: this.shared[1] };
  }

  /**
   * Waits for the probe and returns its answer (throws the probe's error, if it failed);
   * `whileWaiting` is called about every second meanwhile.
   */
  result(whileWaiting?: (p: SetupProgress) => void): Readiness {
    if (this.finished) throw new Error('the setup probe thread was stopped before its answer');
    while (Atomics.wait(this.done, 0, 0, WAIT_SLICE_MS) === 'timed-out') whileWaiting?.(this.progress());
    const msg = receiveMessageOnPort(this.port);
    this.stop();
    if (msg === undefined) throw new Error('the setup probe thread stopped without an answer');
    const reply = msg.message as ProbeReply;
    if (!reply.ok) throw reviveError(reply.error);
    return { setUpAtUs: reply.setUpAtUs, campaignEndUs: reply.campaignEndUs };
  }

  /** Stops the thread (its answer, if any, is discarded). */
  stop(): void {
    if (this.finished) return;
    this.finished = true;
    this.port.close();
    void this.worker.terminate();
  }
}
