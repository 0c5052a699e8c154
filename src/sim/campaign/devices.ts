/**
 * The devices' TS004 sessions: their decoders (rows only for all, payload bytes for a sample), the
 * fragments they receive outside the multicast loop (unicast), what they report as MissingFrag, and
 * what they conclude when the session ends for them (rebuilt and checked, or out of memory).
 */
import { hash4, Purpose } from '../../engine/rng.js';
import type { FirmwarePackage } from '../../fuota/image/package.js';
import type { FragmentPlan } from '../../fuota/ts004/sizing.js';
import { FEED_DONE, FEED_MEMORY_FAILURE, FEED_REPEAT, FleetDecoders, type FragmentSink } from '../decoders.js';
import { FragmentPayloads } from '../fragments.js';
import { endListening } from '../listening.js';
import { NO_ROLE, type CampaignCore } from './core.js';
import type { ImageCheck } from './image-check.js';
import { Outcome } from './state.js';

/** MissingFrag is one byte on the air (FragSessionStatusAns, lorawan-facts 4.4). */
const MISSING_FRAG_MAX = 255;

export class DeviceSessions implements FragmentSink {
  decoders: FleetDecoders | null = null;
  readonly memoryFailed: Uint8Array;
  /** highest fragment counter N each device has taken, by slot (the fleet's storage order) */
  private readonly lastN: Uint16Array;
  /** FragmentSink: an N at most lastN is a repeat with no effect (feed) */
  readonly dropsOlderN = true;
  /** the decoders take uncoded fragments on a thread of their own (decoder-pipe.ts; set by the pass, pass.ts) */
  decoderThread = false;

  constructor(
    private readonly c: CampaignCore,
    private readonly plan: FragmentPlan,
    private readonly pkg: FirmwarePackage,
    private readonly check: ImageCheck,
    private readonly finished: (d: number, outcome: number) => void,
  ) {
    this.memoryFailed = new Uint8Array(c.st.count);
    this.lastN = new Uint16Array(c.st.count);
  }

  /** Builds the decoders; the payload sample is drawn among `members` (null: every device that may take part). */
  build(members: Int32Array | null): FragmentSink {
    const { s } = this.c;
    const candidates = members ?? Int32Array.from(this.mayTakePart());
    const sample = payloadSample(s.seed, s.simulation.payloadSampleDevices, candidates);
    let payloads: FragmentPayloads | null = null;
    this.decoders?.stopPipe(); // decoders built before end their thread
    this.decoders = new FleetDecoders({
      count: this.c.st.count,
      nbFrag: this.plan.nbFrag,
      fragSizeBytes: s.fuotaTask.fragmentSizeBytes,
      paddingBytes: this.plan.paddingBytes,
      variant: s.fuotaTask.fec,
      maxLost: s.devices.memoryFragments,
      sample,
      payloadOf: sample.length > 0 ? (n) => payloads!.get(n) : null,
      order: this.c.ctx.world.fleet.order,
      codedCount: this.plan.codedCount,
      pipe: this.decoderThread,
    });
    if (sample.length > 0) payloads = new FragmentPayloads(this.pkg.payload, s, this.decoders.rows);
    return this;
  }

  private *mayTakePart(): Generator<number> {
    for (let d = 0; d < this.c.st.count; d++) {
      if (this.c.setupFailure(d) === null && !this.c.hasRole(d, 'Package_Not_Supported')) yield d;
    }
  }

  /**
   * FragmentSink: the multicast loop feeds fragment N to the device in slot i (device-order.ts;
   * a decoder out of memory is reported by `memoryFailure`). Every gateway's copy of a
   * multicast frame carries the same multicast frame counter, and a LoRaWAN device's MAC passes a
   * frame up only when its counter is above the last one it accepted (LoRaMac-node `LoRaMacCrypto.c`
   * CheckFCntDown, McFCntDown per group; the server numbers fragments in sending order), so a copy of N, or an N older than one it has, is a
   * repeat that never reaches the decoder (FEED_REPEAT). For unicast fragments the same rule keeps a
   * resent N out of the count.
   */
  feed(i: number, n: number): number {
    // dropsOlderN: this test comes first and changes nothing
    if (n <= this.lastN[i]) return FEED_REPEAT;
    this.lastN[i] = n;
    const r = this.decoders!.feed(i, n);
    if (r === FEED_MEMORY_FAILURE) {
      const { fleet } = this.c.ctx.world;
      this.memoryFailed[fleet.order.deviceOf[i]] = 1;
      endListening(fleet, i, this.c.now);
    }
    return r;
  }

  /** FragmentSink: device d's decoder ran out of memory (feed answered FEED_MEMORY_FAILURE). */
  memoryFailure(d: number): void {
    this.finished(d, Outcome.memoryError);
  }

  /** A fragment received outside the multicast loop (class A unicast). */
  feedUnicast(d: number, n: number, atUs: number): void {
    const { fleet } = this.c.ctx.world;
    const f = fleet.bySlot;
    const i = fleet.order.slotOf[d];
    if (f.decodedAtUs[i] === f.decodedAtUs[i] || this.memoryFailed[d]) return;
    const r = this.feed(i, n);
    if (r === FEED_REPEAT) return;
    // reported at once (a unicast fragment is an event of its own), before the count moves
    if (r === FEED_MEMORY_FAILURE) this.memoryFailure(d);
    f.fragmentsReceived[i]++;
    if (r === FEED_DONE) {
      f.decodedAtUs[i] = atUs;
      f.fragmentsNeeded[i] = f.fragmentsReceived[i];
      this.decoded(d, atUs);
    }
  }

  /** Device d has just rebuilt the data block: it checks it and reports. */
  decoded(d: number, _atUs: number): void {
    const role = this.c.roles[d];
    this.finished(d, this.check.outcome(d, role === NO_ROLE ? -1 : role, this.decoders!));
  }

  /** The MissingFrag device d would report now. */
  missing(d: number): number {
    const { fleet } = this.c.ctx.world;
    const decodedAtUs = fleet.bySlot.decodedAtUs[fleet.order.slotOf[d]];
    if (decodedAtUs === decodedAtUs) return 0;
    const st = this.decoders?.status(d) ?? null;
    return Math.min(MISSING_FRAG_MAX, st ? st.missingFrag : this.plan.nbFrag);
  }
}

/** The devices that also rebuild the bytes: a deterministic pseudo-random pick among the candidates. */
export function payloadSample(seed: number, size: number, candidates: Int32Array): number[] {
  const k = Math.min(size, candidates.length);
  if (k === 0) return [];
  return Array.from(candidates)
    .map((d) => [hash4(seed, Purpose.payloadSample, d, 0), d] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, d]) => d)
    .sort((a, b) => a - b);
}
