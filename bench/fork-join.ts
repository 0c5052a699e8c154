/**
 * What splitting the multicast loop over two threads would give on this machine, before building it
 * (docs/benchmarks.md, "A second thread for the multicast loop"):
 * `node dist/bench/fork-join.js [scenario.json] [devices] [frames]` (default: the 25-gateway
 * campaign, 100 000 devices, 12 000 frames).
 *
 * The devices each frame visits come from the scenario's own link table: in the gateway's reach
 * (sensitivity at the configured EIRP) and within the capture threshold of their best link (the
 * rest lose that gateway's copies to stronger overlapping ones and are not visited). Each frame of gateway g = frame mod G carries fragment n = ⌊frame / G⌋ + 1 and is
 * evaluated over g's reach list as `deliver` does for a class C device (reception.ts): a device that
 * holds n is skipped; otherwise its listening window, deaf window, burst state, loss draw and
 * rebuilt time are read, and a device that receives it is fed (a decoder record of four numbers, the
 * fragment count, `held`), the feeds in list order on the main thread. Per-device state lives in
 * SharedArrayBuffers, one typed array per field as in the simulator's fleet.
 *
 * Printed per round, µs per frame: one thread; two threads, the worker evaluating the second half of
 * the list while the main thread does the first, then the main thread feeding the worker's devices
 * (a fork and a join per frame through Atomics.wait / notify); two threads each feeding the
 * devices of its own half (as if each owned its devices' decoders); and an empty fork-join round trip.
 * The outcomes of both ways are compared (fed devices and fragments), so a split that changed what
 * is received fails rather than reports.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { hashA, hashKey, Purpose, uniformB } from '../src/engine/rng.js';
import { BURST_BAD_US, BURST_GOOD_US, FRAME_GAP_US, frameOf, visitedLists } from './visited-lists.js';

/** Shared state of the measurement: per-device fields, reach lists, and the fork-join control words. */
interface Shared {
  devices: number;
  gateways: number;
  /** listenFrom, listenTo, deafFrom, deafTo, burstFrom, burstUntil, decodedAt: Float64 per device */
  f64: SharedArrayBuffer;
  /** held, fragments received: Int32 per device; decoder record: 4 Int32 per device */
  i32: SharedArrayBuffer;
  rec: SharedArrayBuffer;
  /** burst state, open window: Uint8 per device */
  u8: SharedArrayBuffer;
  /** reach lists, concatenated, and where each gateway's starts (G + 1) */
  lists: SharedArrayBuffer;
  listStart: SharedArrayBuffer;
  /** the worker's received positions of the current frame */
  out: SharedArrayBuffer;
  /** [fork count, frame (-1: empty), half start, join count, received by the worker, stop] */
  ctl: SharedArrayBuffer;
}

const F64_FIELDS = 7;

class State {
  readonly listenFrom: Float64Array;
  readonly listenTo: Float64Array;
  readonly deafFrom: Float64Array;
  readonly deafTo: Float64Array;
  readonly burstFrom: Float64Array;
  readonly burstUntil: Float64Array;
  readonly decodedAt: Float64Array;
  readonly held: Int32Array;
  readonly received: Int32Array;
  readonly rec: Int32Array;
  readonly burstState: Uint8Array;
  readonly openWindow: Uint8Array;
  readonly lists: Int32Array;
  readonly listStart: Int32Array;
  readonly out: Int32Array;
  readonly ctl: Int32Array;
  readonly key = hashKey(1, Purpose.burstLoss);

  constructor(readonly sh: Shared) {
    const n = sh.devices;
    const f = (i: number) => new Float64Array(sh.f64, i * n * 8, n);
    [this.listenFrom, this.listenTo, this.deafFrom, this.deafTo, this.burstFrom, this.burstUntil, this.decodedAt] = [0, 1, 2, 3, 4, 5, 6].map(f);
    this.held = new Int32Array(sh.i32, 0, n);
    this.received = new Int32Array(sh.i32, n * 4, n);
    this.rec = new Int32Array(sh.rec);
    this.burstState = new Uint8Array(sh.u8, 0, n);
    this.openWindow = new Uint8Array(sh.u8, n, n);
    this.lists = new Int32Array(sh.lists);
    this.listStart = new Int32Array(sh.listStart);
    this.out = new Int32Array(sh.out);
    this.ctl = new Int32Array(sh.ctl);
  }

  /**
   * Evaluates positions [from, to) of frame k's reach list; the positions received are written to
   * `into` from 0 (their count returned). No feed: `feed` does that, in list order.
   */
  evaluate(k: number, from: number, to: number, into: Int32Array): number {
    const G = this.sh.gateways;
    const { g, n, start, end } = frameOf(k, G);
    const base = this.listStart[g];
    let c = 0;
    for (let i = from; i < to; i++) {
      const d = this.lists[base + i];
      if (this.held[d] >= n) continue;
      if (this.listenFrom[d] > start || this.listenTo[d] < end) continue;
      if (this.openWindow[d] === 1 && this.deafFrom[d] < end && this.deafTo[d] > start) continue;
      // the burst state at the frame's end, its sojourn moved on when past (a plain stand-in for the walk)
      if (end >= this.burstUntil[d]) {
        this.burstState[d] ^= 1;
        this.burstFrom[d] = this.burstUntil[d];
        this.burstUntil[d] += this.burstState[d] === 1 ? BURST_BAD_US : BURST_GOOD_US;
      }
      if (this.burstState[d] === 1 && uniformB(hashA(this.key, d), k) < 0.8) continue;
      if (this.decodedAt[d] === this.decodedAt[d]) continue;
      into[c++] = i;
    }
    return c;
  }

  /** Feeds fragment n of frame k to the devices at the positions given, in order. */
  feed(k: number, positions: Int32Array, count: number): number {
    const G = this.sh.gateways;
    const { g, n } = frameOf(k, G);
    const base = this.listStart[g];
    for (let j = 0; j < count; j++) {
      const d = this.lists[base + positions[j]];
      const r = d * 4;
      this.rec[r + 3]++;
      if (n > this.rec[r + 1] + 1) this.rec[r + 2] += n - 1 - this.rec[r + 1];
      this.rec[r + 1] = n;
      this.received[d]++;
      this.held[d] = n;
    }
    return count;
  }

  reset(): void {
    this.held.fill(0);
    this.received.fill(0);
    this.rec.fill(0);
    this.burstState.fill(0);
    this.burstFrom.fill(0);
    for (let d = 0; d < this.sh.devices; d++) this.burstUntil[d] = uniformB(hashA(this.key, d), 0) * BURST_GOOD_US;
  }
}

function listLength(st: State, k: number): number {
  const g = k % st.sh.gateways;
  return st.listStart[g + 1] - st.listStart[g];
}

if (!isMainThread) {
  const st = new State(workerData as Shared);
  const ctl = st.ctl;
  let seen = 0;
  parentPort!.postMessage('ready');
  for (;;) {
    let v: number;
    while ((v = Atomics.load(ctl, 0)) === seen) Atomics.wait(ctl, 0, v);
    seen = v;
    if (Atomics.load(ctl, 5) === 1) break;
    const task = Atomics.load(ctl, 1);
    // task k: evaluate; -(k + 2): evaluate and feed (the worker owns its devices' decoders); -1: nothing
    const k = task >= 0 ? task : -task - 2;
    let received = task === -1 ? 0 : st.evaluate(k, Atomics.load(ctl, 2), listLength(st, k), st.out);
    if (task < -1) received = st.feed(k, st.out, received);
    Atomics.store(ctl, 4, received);
    Atomics.add(ctl, 3, 1);
    Atomics.notify(ctl, 3);
  }
} else {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = process.argv[2] ?? resolve(here, '../../bench/scenarios/campaign-1mb-25gw.json');
  const devices = Number(process.argv[3] ?? 100_000);
  const frames = Number(process.argv[4] ?? 12_000);
  // the positions the loop visits (visited-lists.ts)
  const { gateways: G, reach } = visitedLists(file, devices);
  const total = reach.reduce((a, l) => a + l.length, 0);
  const longest = Math.max(...reach.map((l) => l.length));
  const sh: Shared = {
    devices, gateways: G,
    f64: new SharedArrayBuffer(F64_FIELDS * devices * 8),
    i32: new SharedArrayBuffer(2 * devices * 4),
    rec: new SharedArrayBuffer(4 * devices * 4),
    u8: new SharedArrayBuffer(2 * devices),
    lists: new SharedArrayBuffer(Math.max(4, total * 4)),
    listStart: new SharedArrayBuffer((G + 1) * 4),
    out: new SharedArrayBuffer(Math.max(4, longest * 4)),
    ctl: new SharedArrayBuffer(6 * 4),
  };
  const st = new State(sh);
  let off = 0;
  for (let g = 0; g < G; g++) {
    st.listStart[g] = off;
    st.lists.set(reach[g], off);
    off += reach[g].length;
  }
  st.listStart[G] = off;
  // everyone listens for the whole run; one device in twenty has a deaf window somewhere in it
  st.listenFrom.fill(0);
  st.listenTo.fill(Infinity);
  st.decodedAt.fill(NaN);
  st.deafFrom.fill(Infinity);
  st.deafTo.fill(-Infinity);
  for (let d = 0; d < devices; d += 20) {
    st.openWindow[d] = 1;
    st.deafFrom[d] = (d % frames) * FRAME_GAP_US;
    st.deafTo[d] = st.deafFrom[d] + 2e6;
  }
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: sh });
  await new Promise((ok) => worker.once('message', ok));
  const ctl = st.ctl;
  const mine = new Int32Array(longest);
  let joins = 0;
  const fork = (k: number, half: number) => {
    Atomics.store(ctl, 1, k);
    Atomics.store(ctl, 2, half);
    Atomics.add(ctl, 0, 1);
    Atomics.notify(ctl, 0);
  };
  const join = () => {
    joins++;
    let v: number;
    while ((v = Atomics.load(ctl, 3)) !== joins) Atomics.wait(ctl, 3, v);
  };
  const oneThread = (): number => {
    st.reset();
    let fed = 0;
    for (let k = 0; k < frames; k++) fed += st.feed(k, mine, st.evaluate(k, 0, listLength(st, k), mine));
    return fed;
  };
  /** Each frame's list split in halves; `workerFeeds`: the worker feeds its own half, else the main thread feeds both after the join. */
  const split = (workerFeeds: boolean): number => {
    st.reset();
    let fed = 0;
    for (let k = 0; k < frames; k++) {
      const half = listLength(st, k) >> 1;
      fork(workerFeeds ? -k - 2 : k, half);
      const c = st.evaluate(k, 0, half, mine);
      if (workerFeeds) fed += st.feed(k, mine, c);
      join();
      fed += workerFeeds ? Atomics.load(ctl, 4) : st.feed(k, mine, c) + st.feed(k, st.out, Atomics.load(ctl, 4));
    }
    return fed;
  };
  const timed = (f: () => number): [number, number] => {
    const t = process.hrtime.bigint();
    const r = f();
    return [Number(process.hrtime.bigint() - t) / 1000 / frames, r];
  };
  console.log(`${devices} devices, ${G} gateways, ${frames} frames; ${Math.round(total / G)} devices visited per frame on average (${file})`);
  for (let round = 0; round < 3; round++) {
    const [one, fedOne] = timed(oneThread);
    const heldOne = Int32Array.from(st.received);
    const [two, fedTwo] = timed(() => split(false));
    if (fedTwo !== fedOne || !heldOne.every((v, d) => v === st.received[d])) throw new Error('the split changed what was received');
    const [owners, fedOwners] = timed(() => split(true));
    if (fedOwners !== fedOne || !heldOne.every((v, d) => v === st.received[d])) throw new Error('the split changed what was received');
    const [empty] = timed(() => {
      for (let k = 0; k < frames; k++) {
        fork(-1, 0);
        join();
      }
      return 0;
    });
    console.log(JSON.stringify({ round, oneThreadUsPerFrame: +one.toFixed(1), twoThreadsUsPerFrame: +two.toFixed(1), twoThreadsFeedingUsPerFrame: +owners.toFixed(1), emptyRoundTripUs: +empty.toFixed(1), speedup: +(one / two).toFixed(2), speedupFeeding: +(one / owners).toFixed(2), fed: fedOne }));
  }
  Atomics.store(ctl, 5, 1);
  Atomics.add(ctl, 0, 1);
  Atomics.notify(ctl, 0);
  await worker.terminate();
}
