/**
 * What a record per device would give the multicast loop on this machine, before building it
 * (docs/benchmarks.md, "One record per device, measured before building it"):
 * `node dist/bench/layout.js [scenario.json] [devices] [frames]` (default: the 25-gateway campaign,
 * 100 000 devices, 12 000 frames).
 *
 * The devices each frame visits come from the scenario's own link table, as in bench/fork-join.ts: in
 * the gateway's reach and within the capture threshold of their best link. Each frame of gateway
 * g = frame mod G carries fragment n = ⌊frame / G⌋ + 1 and is evaluated over g's list as `deliver`
 * does for a class C device (reception.ts): a device holding n is skipped; otherwise its listening
 * window, deaf window (one device in twenty has one), burst state (the sojourn start is read, as
 * `stateAt` does, and the sojourn moves on when past), loss draw and rebuilt time are read, and a
 * device that receives it is fed (the decoder record's last N, lost count and fragments fed, the
 * fleet's fragment count, `held`).
 *
 * Two layouts of the same fields, the same arithmetic in the same order:
 * - arrays: one typed array per field, as the simulator's fleet, burst process and decoders keep them;
 * - records: the fields one device reads in one 64-byte record (five doubles and six 32-bit integers
 *   over one buffer), the rare deaf window apart.
 * Printed per round, µs per frame for each; the fed devices and every device's fragment count must be
 * the same both ways, or the script fails rather than reports.
 *
 * `--spatial` numbers the devices by their strongest gateway first (in the scenario's order otherwise),
 * so that a gateway's list is mostly one run of neighbouring indices: what renumbering the fleet
 * inside the simulator would give the loop's memory traffic. `--spatial-loop` does so only for the
 * fields the loop and its decoders own (held fragment, burst sojourn, decoder record), the fleet's
 * (listening and deaf windows, rebuilt time, fragment count) keeping the scenario's numbers, as if
 * only those classes kept their own order (arrays only: a record holds both kinds).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashA, hashKey, Purpose, uniformB } from '../src/engine/rng.js';
import { BURST_BAD_US, BURST_GOOD_US, FRAME_GAP_US, frameOf, visitedLists } from './visited-lists.js';

const KEY = hashKey(1, Purpose.burstLoss);

/** The reach lists, concatenated, and where each gateway's starts. */
interface Lists {
  devices: number;
  gateways: number;
  /** the fleet's index of each position (draws are keyed by it too) */
  lists: Int32Array;
  /** the index of the loop's own fields at each position, and per fleet index */
  own: Int32Array;
  ownOf: Int32Array;
  start: Int32Array;
}

/** The deaf windows, kept apart in both layouts (read only for a device with a window open). */
interface Deaf {
  open: Uint8Array;
  from: Float64Array;
  to: Float64Array;
}

/** One typed array per field. */
class Arrays {
  readonly listenFrom: Float64Array;
  readonly listenTo: Float64Array;
  readonly burstFrom: Float64Array;
  readonly burstUntil: Float64Array;
  readonly decodedAt: Float64Array;
  readonly held: Int32Array;
  readonly received: Int32Array;
  /** decoder record: [phase, last N, lost, fed] per device */
  readonly rec: Int32Array;
  readonly burstState: Uint8Array;

  constructor(readonly l: Lists, readonly deaf: Deaf) {
    const n = l.devices;
    this.listenFrom = new Float64Array(n);
    this.listenTo = new Float64Array(n).fill(Infinity);
    this.burstFrom = new Float64Array(n);
    this.burstUntil = new Float64Array(n);
    this.decodedAt = new Float64Array(n).fill(NaN);
    this.held = new Int32Array(n);
    this.received = new Int32Array(n);
    this.rec = new Int32Array(4 * n);
    this.burstState = new Uint8Array(n);
    for (let d = 0; d < n; d++) this.burstUntil[l.ownOf[d]] = uniformB(hashA(KEY, d), 0) * BURST_GOOD_US;
  }

  frame(k: number): number {
    const { lists, own, start: listStart } = this.l;
    const { open, from: deafFrom, to: deafTo } = this.deaf;
    const { g, n, start, end } = frameOf(k, this.l.gateways);
    let fed = 0;
    for (let i = listStart[g]; i < listStart[g + 1]; i++) {
      const d = lists[i];
      const o = own[i];
      if (this.held[o] >= n) continue;
      if (this.listenFrom[d] > start || this.listenTo[d] < end) continue;
      if (open[d] === 1 && deafFrom[d] < end && deafTo[d] > start) continue;
      if (end < this.burstFrom[o]) throw new Error('a look back in time');
      if (end >= this.burstUntil[o]) {
        this.burstState[o] ^= 1;
        this.burstFrom[o] = this.burstUntil[o];
        this.burstUntil[o] += this.burstState[o] === 1 ? BURST_BAD_US : BURST_GOOD_US;
      }
      if (this.burstState[o] === 1 && uniformB(hashA(KEY, d), k) < 0.8) continue;
      if (this.decodedAt[d] === this.decodedAt[d]) continue;
      const r = o * 4;
      this.rec[r + 3]++;
      if (n > this.rec[r + 1] + 1) this.rec[r + 2] += n - 1 - this.rec[r + 1];
      this.rec[r + 1] = n;
      this.received[d]++;
      this.held[o] = n;
      fed++;
    }
    return fed;
  }

  receivedOf(d: number): number {
    return this.received[d];
  }
}

/** Doubles of a device's record (Float64 index d * 8 + field). */
const LISTEN_FROM = 0;
const LISTEN_TO = 1;
const BURST_FROM = 2;
const BURST_UNTIL = 3;
const DECODED_AT = 4;
/** 32-bit integers of the record (Int32 index d * 16 + field): after the five doubles. */
const HELD = 10;
const LAST = 11;
const LOST = 12;
const FED = 13;
const RECEIVED = 14;
const BURST_STATE = 15;

/** The same fields, one 64-byte record per device. */
class Records {
  readonly f: Float64Array;
  readonly i: Int32Array;

  constructor(readonly l: Lists, readonly deaf: Deaf) {
    const buf = new ArrayBuffer(64 * l.devices);
    this.f = new Float64Array(buf);
    this.i = new Int32Array(buf);
    for (let d = 0; d < l.devices; d++) {
      this.f[d * 8 + LISTEN_TO] = Infinity;
      this.f[d * 8 + DECODED_AT] = NaN;
      this.f[d * 8 + BURST_UNTIL] = uniformB(hashA(KEY, d), 0) * BURST_GOOD_US;
    }
  }

  frame(k: number): number {
    const { lists, start: listStart } = this.l;
    const { open, from: deafFrom, to: deafTo } = this.deaf;
    const f = this.f;
    const i32 = this.i;
    const { g, n, start, end } = frameOf(k, this.l.gateways);
    let fed = 0;
    for (let i = listStart[g]; i < listStart[g + 1]; i++) {
      const d = lists[i];
      const fi = d * 8;
      const ii = d * 16;
      if (i32[ii + HELD] >= n) continue;
      if (f[fi + LISTEN_FROM] > start || f[fi + LISTEN_TO] < end) continue;
      if (open[d] === 1 && deafFrom[d] < end && deafTo[d] > start) continue;
      if (end < f[fi + BURST_FROM]) throw new Error('a look back in time');
      if (end >= f[fi + BURST_UNTIL]) {
        i32[ii + BURST_STATE] ^= 1;
        f[fi + BURST_FROM] = f[fi + BURST_UNTIL];
        f[fi + BURST_UNTIL] += i32[ii + BURST_STATE] === 1 ? BURST_BAD_US : BURST_GOOD_US;
      }
      if (i32[ii + BURST_STATE] === 1 && uniformB(hashA(KEY, d), k) < 0.8) continue;
      if (f[fi + DECODED_AT] === f[fi + DECODED_AT]) continue;
      i32[ii + FED]++;
      if (n > i32[ii + LAST] + 1) i32[ii + LOST] += n - 1 - i32[ii + LAST];
      i32[ii + LAST] = n;
      i32[ii + RECEIVED]++;
      i32[ii + HELD] = n;
      fed++;
    }
    return fed;
  }

  receivedOf(d: number): number {
    return this.i[d * 16 + RECEIVED];
  }
}

const here = dirname(fileURLToPath(import.meta.url));
const mode = process.argv.includes('--spatial') ? 'spatial' : process.argv.includes('--spatial-loop') ? 'spatial-loop' : 'scenario';
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const file = args[0] ?? resolve(here, '../../bench/scenarios/campaign-1mb-25gw.json');
const devices = Number(args[1] ?? 100_000);
const frames = Number(args[2] ?? 12_000);
const { gateways: G, reach, number } = visitedLists(file, devices, mode !== 'scenario');
const start = new Int32Array(G + 1);
for (let g = 0; g < G; g++) start[g + 1] = start[g] + reach[g].length;
// the fleet's index: the number (--spatial) or the scenario's; the loop's own fields by number
const fleetIndex = (d: number) => (mode === 'spatial' ? number[d] : d);
const ownOf = new Int32Array(devices);
for (let d = 0; d < devices; d++) ownOf[fleetIndex(d)] = number[d];
const flat = reach.flat();
const lists: Lists = { devices, gateways: G, lists: Int32Array.from(flat, fleetIndex), own: Int32Array.from(flat, (d) => number[d]), ownOf, start };
// one device in twenty has a deaf window somewhere in the run
const deaf: Deaf = { open: new Uint8Array(devices), from: new Float64Array(devices).fill(Infinity), to: new Float64Array(devices).fill(-Infinity) };
for (let d = 0; d < devices; d += 20) {
  deaf.open[d] = 1;
  deaf.from[d] = (d % frames) * FRAME_GAP_US;
  deaf.to[d] = deaf.from[d] + 2e6;
}

function timed(layout: Arrays | Records): { usPerFrame: number; fed: number } {
  const t = process.hrtime.bigint();
  let fed = 0;
  for (let k = 0; k < frames; k++) fed += layout.frame(k);
  return { usPerFrame: Number(process.hrtime.bigint() - t) / 1000 / frames, fed };
}

console.log(`${devices} devices, ${G} gateways, ${frames} frames; ${Math.round(lists.lists.length / G)} devices visited per frame on average; numbered ${{ scenario: 'as in the scenario', spatial: 'by strongest gateway', 'spatial-loop': "by strongest gateway for the loop's own fields only" }[mode]} (${file})`);
for (let round = 0; round < 3; round++) {
  // alternate which layout runs first; a record holds fields of both kinds, so --spatial-loop runs arrays only
  const names = mode === 'spatial-loop' ? ['arrays'] : round % 2 === 0 ? ['arrays', 'records'] : ['records', 'arrays'];
  const res: Record<string, { usPerFrame: number; fed: number }> = {};
  const made: Record<string, Arrays | Records> = {};
  for (const name of names) {
    made[name] = name === 'arrays' ? new Arrays(lists, deaf) : new Records(lists, deaf);
    res[name] = timed(made[name]);
  }
  if (made.records !== undefined) {
    if (res.arrays.fed !== res.records.fed) throw new Error('the layouts fed different devices');
    for (let d = 0; d < devices; d++) if (made.arrays.receivedOf(d) !== made.records.receivedOf(d)) throw new Error(`device ${d} received differently`);
  }
  const records = res.records?.usPerFrame ?? null;
  console.log(JSON.stringify({ round, arraysUsPerFrame: +res.arrays.usPerFrame.toFixed(1), recordsUsPerFrame: records === null ? null : +records.toFixed(1), speedup: records === null ? null : +(res.arrays.usPerFrame / records).toFixed(2), fed: res.arrays.fed }));
}
