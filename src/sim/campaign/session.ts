/**
 * The multicast session: from SessionTime to SessionTime + sessionTimeoutS. At SessionTime the
 * devices that accepted the session request are its members: class C devices switch when their own
 * clock reaches SessionTime (a device whose clock is late by more than the tolerance misses the
 * first fragments, which start one tolerance after SessionTime); class B devices listen in the
 * group's ping slots once they hold a beacon (beacons run from one period before the session).
 */
import { BeaconModel, groupPingSlots } from '../beacons.js';
import type { FragmentSink } from '../decoders.js';
import { Distribution } from '../distribution.js';
import { noteListeningFrom, noteListenTo } from '../listening.js';
import type { CampaignCore } from './core.js';
import { DevFlag } from './state.js';

export interface SessionHooks {
  /** the members are known: build the decoders for them */
  members(members: Int32Array): FragmentSink;
  decoded(d: number, atUs: number): void;
  statusHeard(d: number): void;
  frameDone(n: number, endUs: number): void;
}

export class MulticastSession {
  distribution: Distribution | null = null;
  beacons: BeaconModel | null = null;
  slots: Float64Array | null = null;
  readonly classB: boolean;

  constructor(
    private readonly c: CampaignCore,
    private readonly hooks: SessionHooks,
  ) {
    this.classB = c.s.multicastGroup.dlClass === 'ClassB';
  }

  /** Devices that accepted the session so far, ascending. */
  private joined(): Int32Array {
    const { st } = this.c;
    const out: number[] = [];
    for (let d = 0; d < st.count; d++) if (st.has(d, DevFlag.joined)) out.push(d);
    return Int32Array.from(out);
  }

  /** Class B, one beacon period before SessionTime: the joined devices start looking for beacons. */
  preroll(): void {
    const { ctx } = this.c;
    ctx.members = this.joined();
    const { fleet } = ctx.world;
    for (const d of ctx.members) fleet.bySlot.listenToUs[fleet.order.slotOf[d]] = ctx.sessionEndUs;
    noteListenTo(fleet, ctx.sessionEndUs);
    this.beacons = new BeaconModel(ctx);
    this.beacons.start();
  }

  /** SessionTime: members, listening windows, decoders, and the first fragment's release. */
  start(clockErrorUs: (d: number) => number): void {
    const { ctx, s } = this.c;
    const { fleet } = ctx.world;
    ctx.members = this.joined();
    let latestStartUs = -Infinity;
    for (const d of ctx.members) {
      const i = fleet.order.slotOf[d];
      fleet.member[d] = 1;
      fleet.bySlot.listenToUs[i] = ctx.sessionEndUs;
      fleet.clockErrorUs[d] = clockErrorUs(d);
      // class C: the device switches at SessionTime by its own clock; class B waits for a beacon
      if (!this.classB) {
        fleet.bySlot.listenFromUs[i] = ctx.sessionStartUs + fleet.clockErrorUs[d];
        noteListeningFrom(fleet, fleet.bySlot.listenFromUs[i]);
        latestStartUs = Math.max(latestStartUs, fleet.bySlot.listenFromUs[i]);
      }
    }
    noteListenTo(fleet, ctx.sessionEndUs);
    fleet.listenStartBoundUs = this.classB ? Infinity : latestStartUs;
    if (this.classB && !this.beacons) {
      this.beacons = new BeaconModel(ctx);
      this.beacons.start();
    }
    const sink = this.hooks.members(ctx.members);
    this.slots = this.classB ? groupPingSlots(ctx, ctx.sessionStartUs, ctx.sessionEndUs) : null;
    const dist = new Distribution(ctx, sink, this.c.plannedLastN, this.slots);
    dist.receiver.onDecoded = this.hooks.decoded;
    dist.receiver.onStatus = (d) => this.hooks.statusHeard(d);
    dist.onFrameDone = this.hooks.frameDone;
    dist.onFirstSend = (n) => this.c.sent.mark(n);
    this.distribution = dist;
    // class C: fragments start one clock tolerance after SessionTime so every synchronised device listens
    dist.start(Math.max(this.c.releaseUs, ctx.sessionStartUs + (this.classB ? 0 : s.setup.clockSyncToleranceS * 1e6)));
  }

  /** Whether a member that has not finished still listens after `atUs`. */
  anyListening(atUs: number): boolean {
    const { ctx } = this.c;
    const { fleet } = ctx.world;
    const { decodedAtUs, listenToUs } = fleet.bySlot;
    for (const d of ctx.members) {
      const i = fleet.order.slotOf[d];
      if (decodedAtUs[i] === decodedAtUs[i]) continue;
      if (listenToUs[i] > atUs && !this.c.st.has(d, DevFlag.finished)) return true;
    }
    return false;
  }
}
