/**
 * Delivery of one multicast frame to the devices of the group: the hot loop of the simulator.
 *
 * A member device receives a frame when it was listening for the whole frame (session window,
 * class B state, not deaf because of its own uplink or, in class C, its RX1 window) and the frame
 * passes the downlink chain of downlink-rx.ts: sensitivity, the other gateways' overlapping frames,
 * the Gilbert–Elliott burst state at the frame's end and the independent extra loss. Random draws
 * are counter-based on (seed, purpose, device, downlink id), so they do not depend on the order of
 * anything. The loop runs over typed arrays and allocates nothing.
 *
 * Copies a device cannot use are not evaluated (`deliver`). With several gateways a device hears
 * every fragment N several times; once it holds N (or has rebuilt the image), a further copy of N
 * changes nothing, whatever its reception would have been:
 * - the device's MAC drops it before the decoder (the sink's `dropsOlderN` contract, DeviceSessions:
 *   an N at most the highest it took is FEED_REPEAT with no effect), and a rebuilt device ignores
 *   every fragment: so no counter, decoder, status or outcome can change;
 * - every draw is counter-based on (device, downlink id), so not drawing it changes no other draw;
 * - interference is worked out per wanted frame from the downlink log (downlink-air.ts), which holds
 *   every frame sent whoever receives it, so other devices' evaluations are unchanged;
 * - the burst state is a process in time: its answer depends only on the device's first observation
 *   and the time (burst.ts), and that first observation was made when the device took its first
 *   fragment here (`observe` below), so a look left out changes no later answer;
 * - what the evaluation writes before the decoder is kept: class B devices still count the slot
 *   frames their receiver locked on (energy), status requests (N = 0) are never skipped.
 * The reach lists hold slots, ascending (device-order.ts): the fleet's per-device state is stored by
 * strongest gateway, so the devices a frame visits sit side by side in every array it reads instead
 * of a cache line each far apart. Draws, link powers and the sink's answers stay keyed by the
 * device; what a frame's devices make happen (status heard, image rebuilt, decoder out of memory) is
 * called back after the loop in device order, the order a loop over the devices as numbered makes
 * them in, so the events they schedule keep their order.
 * `deliverReference` is the straightforward loop, evaluating every copy in full with the one-call
 * draws; `simulate(s, { reference: true })` runs it, and test/sim/reception.reference.test.ts checks
 * that both give every output byte for byte (the reference run stores the fleet as numbered).
 */
import { hashA, hashKey, Purpose, uniform, uniformB } from '../engine/rng.js';
import { GE_BAD, geLoss } from '../radio/burst.js';
import type { RunContext } from './context.js';
import { FEED_DONE, FEED_MEMORY_FAILURE, FEED_REPEAT, type FragmentSink } from './decoders.js';
import { CAPTURE_FAILS, CAPTURE_UNKNOWN, CaptureMemo, type CaptureOutcomes } from './capture-memo.js';
import { Coverage } from './coverage.js';
import { DownlinkRx, SINR_REACH_MARGIN_DB } from './downlink-rx.js';
import { FADE_NONE } from './link-fading.js';
import { endListening } from './listening.js';

interface FrameRing {
  readonly fStart: Float64Array;
  readonly fEnd: Float64Array;
  readonly fGw: Int32Array;
  readonly fN: Int32Array;
  /** the frame's id among all downlinks (DownlinkAir) */
  readonly fAirId: Int32Array;
  /** PHY payload of a FragSessionStatusReq (frame N = 0), bytes, and its airtime, µs */
  readonly statusPhyBytes: number;
  readonly statusAirtimeUs: number;
}

/** held[i] once the device in slot i has rebuilt the image here: above every N. */
const HELD_ALL = 0x7fffffff;
/** `need` of a frame whose copies are never skipped (status requests, the reference run): above every held[i]. */
const NEED_NEVER = 2 ** 31;
/** what a frame's loop leaves to after it (`pending`): a status request heard, an image rebuilt, a decoder out of memory */
const AFTER_STATUS = 0;
const AFTER_DECODED = 1;
const AFTER_MEMORY = 2;

export class FrameReceiver {
  private readonly rx: DownlinkRx;
  /** per gateway: the slots (device-order.ts) of the members within its reach, ascending, compacted as devices finish */
  private reach: Int32Array[] | null = null;
  private finishedSinceCompaction = 0;
  /**
   * per slot: the highest N this loop fed to the sink (so at most the sink's own highest, and any
   * copy of an N up to it is a repeat), or HELD_ALL once the device rebuilt the image; 0 when nothing,
   * -1 before this loop observed the device's burst process
   */
  private readonly held: Int32Array;
  /** per slot: 1 for the session's members (the reach lists' devices) */
  private readonly isMember: Uint8Array;
  /**
   * a frame's callbacks, device << 2 | AFTER_*, made after its loop in device order: the loop visits
   * devices in slot order, and the events the callbacks schedule must come in the order of the
   * device numbers (the members' order, session.ts), whatever the storage order
   */
  private pending = new Int32Array(256);
  private pendingCount = 0;
  /** skip copies of held fragments (false: the reference evaluation, or a sink without the contract) */
  private readonly skipHeld: boolean;
  private readonly burstKey: number;
  private readonly extraKey: number;
  private readonly coverage: Coverage | null;
  private readonly capture: CaptureMemo | null;
  private coveredDirect = 0;
  /** device-frames evaluated (in full): all covered ones in the reference, fewer in the fast path */
  fullEvaluations = 0;
  /** positions of the reach lists the fast path looked at (the rest were remembered capture failures it skipped without a look) */
  positionsVisited = 0;
  /** frames whose capture outcomes could be remembered but whose gateway had no room for their pattern */
  framesWithoutMemo = 0;
  /** of these, frames that a lesser pattern's sure failures answered for (capture-memo.ts, lesserPattern) */
  framesWithLesser = 0;
  onDecoded: ((device: number, atUs: number) => void) | null = null;
  /** a FragSessionStatusReq (frame N = 0) reached device d */
  onStatus: ((device: number, atUs: number) => void) | null = null;

  constructor(
    private readonly ctx: RunContext,
    private readonly decoders: FragmentSink,
    private readonly ring: FrameRing,
  ) {
    this.rx = ctx.downlinkRx ??= new DownlinkRx(ctx);
    this.rx.readBySlot();
    const { s, fleet, links, radio, reference } = ctx.world;
    this.skipHeld = !reference && decoders.dropsOlderN;
    const n = this.skipHeld ? fleet.count : 0;
    this.held = new Int32Array(n).fill(-1);
    this.isMember = new Uint8Array(n);
    this.burstKey = hashKey(s.seed, Purpose.burstLoss);
    this.extraKey = hashKey(s.seed, Purpose.extraLoss);
    this.coverage = this.skipHeld ? new Coverage(links.gateways, Math.max(radio.fragmentAirtimeUs, ring.statusAirtimeUs)) : null;
    this.capture = this.skipHeld ? new CaptureMemo() : null;
  }

  /** Device-frames covered: a member listening to a frame from a gateway in its reach (the benchmark's workload). */
  get evaluations(): number {
    if (this.coverage === null) return this.coveredDirect;
    return this.coverage.covered(this.ctx.members, this.ctx.world.fleet, this.rx, this.reachDbm());
  }

  /**
   * Lowest power worth evaluating: with fading, 15 dB below sensitivity is received with p < 3e-14
   * (a Rayleigh fade of +15 dB); SINR reception adds its own margin below sensitivity.
   */
  private reachDbm(): number {
    const { s, radio } = this.ctx.world;
    const fadeMargin = s.channel.fading === 'none' ? 0 : 15;
    const sinrMargin = s.channel.reception === 'sinr' ? SINR_REACH_MARGIN_DB : 0;
    return radio.deviceSensitivityDbm - fadeMargin - sinrMargin;
  }

  /** (Re)builds each gateway's list of members in reach that may still listen after `nowUs`. */
  private buildReach(nowUs: number): Int32Array[] {
    const { links, fleet } = this.ctx.world;
    const G = links.gateways;
    const floor = this.reachDbm();
    const rx = this.rx;
    const { slotOf } = fleet.order;
    const { listenToUs } = fleet.bySlot;
    const lists: number[][] = Array.from({ length: G }, () => []);
    for (const d of this.ctx.members) {
      const i = slotOf[d];
      if (this.isMember.length > 0) this.isMember[i] = 1;
      if (listenToUs[i] < nowUs) continue;
      for (let g = 0; g < G; g++) if (rx.rxDbmAt(d * G + g) >= floor) lists[g].push(i);
    }
    this.finishedSinceCompaction = 0;
    // in slot order: the devices a frame visits sit side by side in every per-slot array
    const after = lists.map((l) => Int32Array.from(l).sort());
    if (this.reach !== null) this.capture?.rebase(this.reach, after);
    return after;
  }

  /** A device stopped listening for good (decoded or failed); lists are compacted now and then. */
  noteFinished(): void {
    this.finishedSinceCompaction++;
  }

  /** The devices in reach of frame k's gateway, compacted first when enough have finished. */
  private listFor(k: number): Int32Array {
    if (this.reach === null || this.finishedSinceCompaction * 4 > this.ctx.members.length) this.reach = this.buildReach(this.ring.fStart[k]);
    return this.reach[this.ring.fGw[k]];
  }

  deliver(k: number): void {
    if (!this.skipHeld) return this.deliverReference(k);
    const { world } = this.ctx;
    const { s, fleet, links, radio } = world;
    const ring = this.ring;
    const start = ring.fStart[k];
    const end = ring.fEnd[k];
    const g = ring.fGw[k];
    const n = ring.fN[k];
    const airId = ring.fAirId[k];
    const G = links.gateways;
    const list = this.listFor(k);
    const rx = this.rx;
    this.coverage!.frame(g, start, end, fleet, this.isMember, rx, this.reachDbm());
    // other gateways' frames overlapping this one on its channel (any kind of downlink)
    const nInt = rx.collect(start, end, g, radio.freqHz, radio.bwHz, radio.sf, n);
    const check = nInt > 0 || rx.alwaysCheck;
    const sinr = rx.sinr;
    // SINR reception: the frame's success table, and the lowest power with any chance
    const table = sinr === null ? null : sinr.downlinkTable(radio.sf, radio.bwHz, n === 0 ? ring.statusPhyBytes : radio.fragmentPhyBytes);

    const sens = radio.deviceSensitivityDbm;
    const fading = rx.fading !== FADE_NONE;
    const floor = sinr === null ? sens : sens - SINR_REACH_MARGIN_DB;
    const burst = fleet.burst;
    const { lossGood, lossBad } = s.channel.burst;
    const extra = s.channel.extraLoss;
    const airUs = end - start;
    const classB = s.multicastGroup.dlClass === 'ClassB';
    const stopWhenDecoded = s.multicastGroup.stopListeningWhenDecoded;
    const held = this.held;
    // a copy of N is skipped at a device holding N; status requests are never skipped
    const need = n > 0 ? n : NEED_NEVER;
    // capture outcomes remembered per (gateway, ordered interferers, device): threshold reception
    // with fixed powers only, where interferenceOk is a function of those alone (downlink-rx.ts)
    const memoable = check && table === null && !fading && rx.fixedPowerCapture() && this.reachDbm() >= floor;
    const memo = memoable ? this.capture!.outcomes(g, rx, list) : null;
    // without a memo of its own (too many patterns at g): a remembered pattern whose failures are
    // this frame's failures too (capture-memo.ts, lesserPattern), so those devices need no check
    let lesser = null as CaptureOutcomes | null;
    if (memoable && memo === null) {
      lesser = this.capture!.lesser;
      this.framesWithoutMemo++;
      if (lesser !== null) this.framesWithLesser++;
    }
    // a remembered failure answers for a device without looking at it (class B still counts slot
    // frames): the frame's own memo, or a lesser pattern whose failures are all sure
    const skipper = memo ?? (lesser !== null && lesser.notSure === null ? lesser : null);
    const outcome = skipper === null ? null : skipper.outcome;
    // positions to visit: all, or those not known to fail (class B visits all: slot frames count);
    // before the memo's first compaction, all of them with the known failures skipped
    const skipFails = skipper !== null && !classB;
    const visit = skipFails ? skipper.positions : null;
    // and their devices' slots, side by side (so the list is not read through the positions)
    const visitSlots = skipFails ? skipper.slots : null;
    // and the outcome at each, when kept there (CaptureOutcomes.visitOutcome)
    const visitOutcome = visit === null ? null : skipper!.visitOutcome;
    const visits = visit === null ? list.length : skipper!.count;
    const noBurst = burst === null;
    // the frame's end is at or past every look so far: a device still in the sojourn it was in at
    // its last look has its state read here, without a call (BurstProcess.lookingAt)
    const burstForward = !noBurst && burst.lookingAt(end);
    const burstUntil = noBurst ? null : burst.untilUs;
    const burstState = noBurst ? null : burst.state;
    // the capture memo is filled below only after the device's first observation
    const { burstKey, extraKey } = this;
    const { listenFromUs, listenToUs, deafFromUs, deafToUs, rx1FromUs, rx1ToUs, fragmentsReceived, decodedAtUs, fragmentsNeeded } = fleet.bySlot;
    const openWindow = fleet.bySlot.openWindows.member;
    const { deviceOf } = fleet.order;
    // every member listens to this frame (Fleet.listenStartBoundUs / listenStopBoundUs): their
    // windows need no look
    const allListen = start >= fleet.listenStartBoundUs && end <= fleet.listenStopBoundUs;
    let full = 0;

    for (let v = 0; v < visits; v++) {
      const m = visit === null ? v : visit[v];
      // a remembered capture failure: nothing to do (it was worked out after the device's burst
      // process had its first observation, held[i] >= 0; see the file comment)
      const known = visitOutcome === null ? (skipFails ? outcome![m] : CAPTURE_UNKNOWN) : visitOutcome[v];
      if (skipFails && known === CAPTURE_FAILS) continue;
      // the device's slot: every per-device array below is read at i; draws and callbacks take d
      const i = visitSlots === null ? list[m] : visitSlots[v];
      if (held[i] >= need) {
        // nothing this copy could do but, in class B, keep the ping-slot receiver on (file comment)
        if (classB) this.slotFrameOnly(i, g, airId, start, end);
        continue;
      }
      if (!allListen && (listenFromUs[i] > start || listenToUs[i] < end)) continue;
      // a device outside OpenWindows has no deaf or RX1 window that reaches this frame
      if (openWindow[i] === 1 && ((deafFromUs[i] < end && deafToUs[i] > start) || (rx1FromUs[i] < end && rx1ToUs[i] > start))) continue;
      full++;
      const d = deviceOf[i];
      // the burst process is looked at for every frame the device listens to (docs/models/reception.md);
      // its state is worked out below, only when a loss draw needs it
      if (held[i] < 0) {
        if (!noBurst) burst.observe(i, end);
        held[i] = 0;
      }
      if (memo !== null && !classB) {
        // fixed powers, so every device in the reach list is at or above `floor` (reachDbm): the
        // signal is needed only to fill the memo
        // skipFails here (the frame's own memo, not class B): `known` is the outcome at m
        if (known === CAPTURE_UNKNOWN) {
          const ok = rx.interferenceOk(d, i, g, rx.rxDbmAtSlot(i * G + g), radio.sf, 0, radio.bwHz, radio.freqHz, start, end);
          if (visit === null) memo.set(m, ok, rx.lastFailSure);
          else memo.setVisited(v, m, ok, rx.lastFailSure);
          if (!ok) continue;
        }
      } else {
        let sig = rx.rxDbmAtSlot(i * G + g);
        if (fading) sig += rx.fadeDb(d, g, airId, start);
        if (sig < floor) continue;
        if (classB && sig >= sens) {
          // the ping-slot receiver locked on a preamble: it stays on for the whole frame
          fleet.bySlot.slotFramesCount[i]++;
          fleet.bySlot.slotFramesUs[i] += airUs;
        }
        if (table !== null) {
          if (!rx.sinrOk(d, g, sig, radio.sf, 0, radio.bwHz, radio.freqHz, start, end, table, airId)) continue;
        } else if (memo !== null) {
          const c = outcome![m];
          if (c === CAPTURE_UNKNOWN) {
            const ok = rx.interferenceOk(d, i, g, sig, radio.sf, 0, radio.bwHz, radio.freqHz, start, end);
            memo.set(m, ok, rx.lastFailSure);
            if (!ok) continue;
          } else if (c === CAPTURE_FAILS) continue;
        } else if (check && ((lesser !== null && lesser.failsSurely(m)) || !rx.interferenceOk(d, i, g, sig, radio.sf, 0, radio.bwHz, radio.freqHz, start, end))) continue;
      }
      if (!noBurst) {
        // geLoss with its draw left out where the loss probability is 0 (u < 0 never holds) or 1 (u < 1 always does)
        const state = burstForward && end < burstUntil![i] ? burstState![i] : burst.stateAt(i, end);
        const p = state === GE_BAD ? lossBad : lossGood;
        if (p >= 1 || (p > 0 && uniformB(hashA(burstKey, d), airId) < p)) continue;
      }
      if (extra > 0 && (extra >= 1 || uniformB(hashA(extraKey, d), airId) < extra)) continue;
      if (n === 0) {
        if (this.onStatus) this.after(d, AFTER_STATUS);
        continue;
      }
      if (decodedAtUs[i] === decodedAtUs[i]) {
        held[i] = HELD_ALL; // already rebuilt (not NaN): ignores every fragment from now on
        continue;
      }
      const r = this.decoders.feed(i, n);
      held[i] = n; // fed: the sink now drops N and every older N
      if (r === FEED_REPEAT) continue; // a copy of a fragment it holds: not a new fragment
      fragmentsReceived[i]++;
      if (r === FEED_MEMORY_FAILURE) this.after(d, AFTER_MEMORY);
      else if (r === FEED_DONE) {
        held[i] = HELD_ALL;
        decodedAtUs[i] = end;
        fragmentsNeeded[i] = fragmentsReceived[i];
        if (stopWhenDecoded) {
          endListening(fleet, i, end); // it listened to this frame: its end was at least `end`
          this.finishedSinceCompaction++;
        }
        if (this.onDecoded) this.after(d, AFTER_DECODED);
      }
    }
    this.fullEvaluations += full;
    this.positionsVisited += visits;
    if (this.pendingCount > 0) this.callBack(end);
  }

  /** Device d's callback `what` (AFTER_*), made after the frame's loop. */
  private after(d: number, what: number): void {
    if (this.pendingCount === this.pending.length) {
      const grown = new Int32Array(this.pending.length * 2);
      grown.set(this.pending);
      this.pending = grown;
    }
    this.pending[this.pendingCount++] = (d << 2) | what;
  }

  /** The frame's callbacks, in device order (a device has at most one per frame). */
  private callBack(end: number): void {
    const todo = this.pending.subarray(0, this.pendingCount).sort();
    this.pendingCount = 0;
    for (let k = 0; k < todo.length; k++) {
      const d = todo[k] >>> 2;
      const what = todo[k] & 3;
      if (what === AFTER_STATUS) this.onStatus!(d, end);
      else if (what === AFTER_DECODED) this.onDecoded!(d, end);
      else this.decoders.memoryFailure(d);
    }
  }

  /** Class B, a copy the device in slot i does not need: its ping-slot receiver still locks on it when it listens and hears it. */
  private slotFrameOnly(i: number, g: number, airId: number, start: number, end: number): void {
    const { fleet, links, radio } = this.ctx.world;
    const f = fleet.bySlot;
    if (f.listenFromUs[i] > start || f.listenToUs[i] < end) return;
    if (f.deafFromUs[i] < end && f.deafToUs[i] > start) return;
    if (f.rx1FromUs[i] < end && f.rx1ToUs[i] > start) return;
    const d = fleet.order.deviceOf[i];
    let sig = this.rx.rxDbmAtSlot(i * links.gateways + g);
    if (this.rx.fading !== FADE_NONE) sig += this.rx.fadeDb(d, g, airId, start);
    if (sig >= radio.deviceSensitivityDbm) {
      f.slotFramesCount[i]++;
      f.slotFramesUs[i] += end - start;
    }
  }

  /** The straightforward evaluation: every covered device-frame in full, in the order of the model's description. */
  deliverReference(k: number): void {
    const { world } = this.ctx;
    const { s, fleet, links, radio } = world;
    const ring = this.ring;
    const start = ring.fStart[k];
    const end = ring.fEnd[k];
    const g = ring.fGw[k];
    const n = ring.fN[k];
    const airId = ring.fAirId[k];
    const G = links.gateways;
    const list = this.listFor(k);
    const rx = this.rx;
    const nInt = rx.collect(start, end, g, radio.freqHz, radio.bwHz, radio.sf, n);
    const check = nInt > 0 || rx.alwaysCheck;
    const sinr = rx.sinr;
    const table = sinr === null ? null : sinr.downlinkTable(radio.sf, radio.bwHz, n === 0 ? ring.statusPhyBytes : radio.fragmentPhyBytes);

    const seed = s.seed;
    const sens = radio.deviceSensitivityDbm;
    const fading = rx.fading !== FADE_NONE;
    const floor = sinr === null ? sens : sens - SINR_REACH_MARGIN_DB;
    const burst = fleet.burst;
    const { lossGood, lossBad } = s.channel.burst;
    const extra = s.channel.extraLoss;
    const airUs = end - start;
    const classB = s.multicastGroup.dlClass === 'ClassB';
    const stopWhenDecoded = s.multicastGroup.stopListeningWhenDecoded;
    const { listenFromUs, listenToUs, deafFromUs, deafToUs, rx1FromUs, rx1ToUs, fragmentsReceived, decodedAtUs, fragmentsNeeded, slotFramesCount, slotFramesUs } = fleet.bySlot;
    const { deviceOf } = fleet.order;
    let evaluations = 0;

    for (let m = 0; m < list.length; m++) {
      const i = list[m];
      const d = deviceOf[i];
      if (listenFromUs[i] > start || listenToUs[i] < end) continue;
      if (deafFromUs[i] < end && deafToUs[i] > start) continue;
      if (rx1FromUs[i] < end && rx1ToUs[i] > start) continue;
      evaluations++;
      const burstState = burst === null ? 0 : burst.stateAt(i, end);
      let sig = rx.rxDbmAt(d * G + g);
      if (fading) sig += rx.fadeDb(d, g, airId, start);
      if (sig < floor) continue;
      if (classB && sig >= sens) {
        slotFramesCount[i]++;
        slotFramesUs[i] += airUs;
      }
      if (table !== null) {
        if (!rx.sinrOk(d, g, sig, radio.sf, 0, radio.bwHz, radio.freqHz, start, end, table, airId)) continue;
      } else if (check && !rx.interferenceOk(d, i, g, sig, radio.sf, 0, radio.bwHz, radio.freqHz, start, end)) continue;
      if (burst !== null && geLoss(burstState, uniform(seed, Purpose.burstLoss, d, airId), lossGood, lossBad)) continue;
      if (extra > 0 && uniform(seed, Purpose.extraLoss, d, airId) < extra) continue;
      if (n === 0) {
        if (this.onStatus) this.onStatus(d, end);
        continue;
      }
      if (decodedAtUs[i] === decodedAtUs[i]) continue;
      const r = this.decoders.feed(i, n);
      if (r === FEED_REPEAT) continue;
      fragmentsReceived[i]++;
      // the straightforward order: each callback as its device is reached
      if (r === FEED_MEMORY_FAILURE) this.decoders.memoryFailure(d);
      else if (r === FEED_DONE) {
        decodedAtUs[i] = end;
        fragmentsNeeded[i] = fragmentsReceived[i];
        if (stopWhenDecoded) {
          endListening(fleet, i, end); // it listened to this frame: its end was at least `end`
          this.finishedSinceCompaction++;
        }
        if (this.onDecoded) this.onDecoded(d, end);
      }
    }
    this.coveredDirect += evaluations;
    this.fullEvaluations += evaluations;
  }
}
