/**
 * The decoders' uncoded fragments taken on a second thread (decoders.ts, FleetDecoders).
 *
 * Through most of a session every fragment a device takes is an uncoded one below NbFrag, and all
 * it does is move the device's typed record (uncoded-record.ts): a count, the last N and the lost
 * columns. Nothing the run decides depends on that record until the device is asked for its
 * status, takes fragment NbFrag or a coded one, or the session ends: such a feed cannot rebuild the
 * image nor run out of memory (FragDecoder #uncodedInOrder: only N = NbFrag completes the uncoded
 * phase, and the lost count is weighed against the memory when coding starts). So the run's thread
 * writes the device's slot into a ring and goes on, and a worker thread applies the ring in order
 * to the record, which lives in shared memory. Before anything reads or changes a record in any
 * other way, the run's thread drains the ring (`drain`): it takes the ring's lock and applies what
 * is left itself.
 *
 * Exact by construction: every entry is applied once, in the order it was written, by the same
 * function (takeUncoded) on the same record, whichever thread applies it; the lock makes the two
 * threads take turns. Without a thread at all (it could not start, or it failed) the run's thread
 * applies everything at its drains, to the same records (test/sim/decoder-pipe.test.ts).
 */
import type { Worker } from 'node:worker_threads';
import { sharedBuffer, startHelperThread, threadBesideRun } from '../engine/worker-file.js';
import { takeUncoded } from './uncoded-record.js';

/** Fleets from this size take their uncoded fragments on a thread when the machine has a second core (a worker takes about 0.1 s to start). */
export const DECODER_THREAD_MIN_DEVICES = 10_000;

/** Ring entries: a slot (≥ 0), or −N: the slots after it take fragment N. A power of two. */
const RING_ENTRIES = 1 << 20;
/** The run's thread tells the worker how far the ring is written every this many entries (and at each drain). */
const PUBLISH_EVERY = 512;
/** The worker applies this many entries per turn of the lock, so a drain waits at most that long for it. */
const BATCH = 2048;
/** Empty looks at the ring before the worker sleeps a while. */
const SPINS = 100;
/**
 * How long the worker sleeps between looks at a ring that does not move, ms. It is not woken: a wake
 * is a system call on the run's thread, and a fraction of a millisecond of fragments is a few
 * thousand entries, which the ring holds.
 */
const NAP_MS = 0.2;

/** ctrl: written up to (run's thread), applied up to, the lock (0 free, 1 worker, 2 run's thread), stop, the N being applied, the worker failed. */
const HEAD = 0;
const TAIL = 1;
const LOCK = 2;
const STOP = 3;
const CURRENT_N = 4;
const FAILED = 5;
const CTRL_WORDS = 6;

/** What the two threads share: the ring, its control words and the records (views on shared memory). */
export interface PipeShared {
  count: number;
  ring: Int32Array;
  ctrl: Int32Array;
  /** entries the worker applied (64 bits: a national session passes 2^31) */
  byThread: BigInt64Array;
  rec: Int32Array;
  lostBits: Uint32Array;
}

/** Shared memory for a fleet's typed records (`recWords` Int32 for the records, `lostWords` Uint32 for the lost bits) and the ring. */
export function newPipeShared(count: number, recWords: number, lostWords: number, ringEntries = RING_ENTRIES): PipeShared {
  if (ringEntries < 4 || (ringEntries & (ringEntries - 1)) !== 0) throw new RangeError(`ring of ${ringEntries} entries: a power of two from 4`);
  return {
    count,
    ring: new Int32Array(sharedBuffer(4 * ringEntries)),
    ctrl: new Int32Array(sharedBuffer(4 * CTRL_WORDS)),
    byThread: new BigInt64Array(sharedBuffer(8)),
    rec: new Int32Array(sharedBuffer(4 * recWords)),
    lostBits: new Uint32Array(sharedBuffer(4 * lostWords)),
  };
}

/** Applies ring entries from..to (exclusive, ring positions); the caller holds the lock. */
function applyEntries(p: PipeShared, from: number, to: number): void {
  const { ring, ctrl, rec, lostBits, count } = p;
  const mask = ring.length - 1;
  let n = ctrl[CURRENT_N];
  for (let at = from; at !== to; at = (at + 1) & mask) {
    const e = ring[at];
    if (e < 0) n = -e;
    else takeUncoded(rec, lostBits, count, e, n);
  }
  ctrl[CURRENT_N] = n;
}

/** The worker's loop (decoder-pipe-worker.ts): applies the ring as it is written, until told to stop. */
export function pipeLoop(p: PipeShared): void {
  const { ctrl } = p;
  const mask = p.ring.length - 1;
  let idle = 0;
  try {
    for (;;) {
      if (Atomics.load(ctrl, STOP) === 1) return;
      const head = Atomics.load(ctrl, HEAD);
      if (Atomics.load(ctrl, TAIL) !== head) {
        idle = 0;
        if (Atomics.compareExchange(ctrl, LOCK, 0, 1) !== 0) continue; // the run's thread is draining
        // read again under the lock: a drain may have applied everything up to a later head meanwhile
        const tail = Atomics.load(ctrl, TAIL);
        const todo = (Atomics.load(ctrl, HEAD) - tail) & mask;
        const upTo = (tail + Math.min(todo, BATCH)) & mask;
        applyEntries(p, tail, upTo);
        Atomics.add(p.byThread, 0, BigInt((upTo - tail) & mask));
        Atomics.store(ctrl, TAIL, upTo);
        Atomics.store(ctrl, LOCK, 0);
        continue;
      }
      if (++idle < SPINS) continue;
      idle = 0;
      // back at once when the head has moved meanwhile; a stop wakes it
      Atomics.wait(ctrl, HEAD, head, NAP_MS);
    }
  } catch (err) {
    Atomics.store(ctrl, FAILED, 1);
    throw err;
  }
}

/**
 * Whether a run takes its uncoded fragments on a thread: asked for (`wanted`), or by default on a large
 * fleet, from the main thread of a machine with a second core, when the worker's script is built.
 */
export function decoderThreadOnRun(count: number, wanted: boolean | undefined): boolean {
  return threadBesideRun(wanted, count, DECODER_THREAD_MIN_DEVICES, 'decoder-pipe-worker', import.meta.url);
}

/** The run's side of the ring, and the worker applying it (none: the run's thread applies it at its drains). */
export class DecoderPipe {
  private readonly worker: Worker | null;
  private readonly mask: number;
  private head = 0;
  /** tail as last read: the room left is worked out from it */
  private tailSeen = 0;
  private unpublished = 0;
  /** the N of the last marker written */
  private lastN = 0;
  /** written since the last drain */
  private dirty = false;
  private stopped = false;
  /** entries the run's thread applied at its drains */
  appliedHere = 0;

  constructor(readonly shared: PipeShared, thread: boolean) {
    this.mask = shared.ring.length - 1;
    // without the thread (or should it fail outside a batch) the run's thread applies everything at its drains
    this.worker = thread ? startHelperThread('decoder-pipe-worker', import.meta.url, shared) : null;
  }

  /** Slot i takes uncoded fragment n (1 ≤ n < NbFrag, typed phase): applied later, in order. */
  push(i: number, n: number): void {
    const { ring } = this.shared;
    const mask = this.mask;
    // room for a marker and the slot, one entry left free (head = tail means empty)
    if (((this.tailSeen - this.head - 1) & mask) < 2) {
      this.tailSeen = Atomics.load(this.shared.ctrl, TAIL);
      if (((this.tailSeen - this.head - 1) & mask) < 2) this.drain();
    }
    let h = this.head;
    if (n !== this.lastN) {
      ring[h] = -n;
      h = (h + 1) & mask;
      this.lastN = n;
    }
    ring[h] = i;
    this.head = (h + 1) & mask;
    this.dirty = true;
    if (++this.unpublished >= PUBLISH_EVERY) this.publish();
  }

  private publish(): void {
    const { ctrl } = this.shared;
    this.unpublished = 0;
    Atomics.store(ctrl, HEAD, this.head);
  }

  /** Every entry written is applied when this returns: the records are the run's to read and change. */
  drain(): void {
    if (!this.dirty) return;
    const { ctrl } = this.shared;
    this.publish();
    for (;;) {
      if (Atomics.load(ctrl, TAIL) === this.head) break;
      if (Atomics.compareExchange(ctrl, LOCK, 0, 2) === 0) {
        const tail = Atomics.load(ctrl, TAIL);
        applyEntries(this.shared, tail, this.head);
        this.appliedHere += (this.head - tail) & this.mask;
        Atomics.store(ctrl, TAIL, this.head);
        Atomics.store(ctrl, LOCK, 0);
        break;
      }
      // the worker holds the lock for a batch; if it failed there, what it applied is unknown
      if (Atomics.load(ctrl, FAILED) === 1) throw new Error('internal: the decoders\' thread failed while applying fragments');
    }
    this.tailSeen = this.head;
    this.dirty = false;
  }

  /** Entries the worker applied. */
  get appliedByThread(): number {
    return Number(Atomics.load(this.shared.byThread, 0));
  }

  /** Drains, then ends the worker. */
  stop(): void {
    if (this.stopped) return;
    this.drain();
    this.stopped = true;
    Atomics.store(this.shared.ctrl, STOP, 1);
    Atomics.notify(this.shared.ctrl, HEAD);
    if (this.worker !== null) void this.worker.terminate();
  }
}
