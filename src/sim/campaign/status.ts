/**
 * Multicast status rounds and repair rounds (completion.statusRequest, repairRounds, unicastRepair).
 *
 * When the group's queue is empty the server multicasts FragSessionStatusReq (class C at once, class
 * B in the next ping slot, within the session). Every member still listening answers
 * FragSessionStatusAns after a delay uniform in [0, 2^(BlockAckDelay+4)] s (LoRaMac-node,
 * lorawan-facts 4.4), through the shared uplink medium, so answers collide. One answer window later
 * the server takes the worst MissingFrag heard in this round: if it is not 0 and rounds remain, it
 * releases repairCount(worst) more coded fragments (N continuing after the last one sent, ≤ 16383)
 * at the fragment interval, then asks again. After the last round, unicastRepair sends class A
 * batches to each device that still reported a deficit.
 */
import { Purpose, uniform } from '../../engine/rng.js';
import type { Distribution } from '../distribution.js';
import type { CampaignCore } from './core.js';
import { Msg } from './messages.js';
import { DevFlag, Srv } from './state.js';
import { MAX_N, repairCount, type UnicastFlow } from './unicast.js';

/** Phase-timer code: evaluate the answers of status round `arg`. */
export const EVALUATE_STATUS = 1;
/** Time after the answer window for the last answers to arrive (duty-cycle wait, airtime), µs. */
const ANSWER_SLACK_US = 10_000_000;

export class StatusRounds {
  round = -1;
  private evaluatedRound = -1;
  private scheduledRound = -1;
  private repairsDone = 0;
  private repairing = false;
  /** the multicast part is over (no more rounds) */
  over = false;
  private readonly windowUs: number;

  constructor(
    private readonly c: CampaignCore,
    private readonly dist: Distribution,
    private readonly unicast: UnicastFlow,
    private readonly missing: (d: number) => number,
    private readonly onOver: () => void,
  ) {
    this.windowUs = 2 ** (c.s.fuotaTask.blockAckDelay + 4) * 1e6;
  }

  /** The group's queue is empty (all fragments, a repair round, or a status request sent). */
  idle(): void {
    if (this.over) return;
    if (this.repairing) this.c.phases.touch('repair', this.c.now);
    this.repairing = false;
    if (!this.c.s.completion.statusRequest) return this.finish();
    if (this.round > this.evaluatedRound) return; // a round is being answered
    this.round++;
    this.c.phases.close('status');
    this.c.phases.touch('status', this.c.now);
    this.dist.queueStatus();
  }

  /** A status request frame ended: the answer window of this round opens (the first gateway's frame). */
  statusFrameEnded(endUs: number): void {
    if (this.over || this.round <= this.evaluatedRound || this.scheduledRound === this.round) return;
    this.scheduledRound = this.round;
    // answers may start up to the window's end; they then wait for the device's duty cycle
    this.c.ex.timers.phaseTimer(EVALUATE_STATUS, this.round, endUs + this.windowUs + ANSWER_SLACK_US);
  }

  /** Device d heard the status request of the current round (reception.ts). */
  heardRequest(d: number): void {
    const { st, ex, s } = this.c;
    if (st.devAnsweredRound[d] === this.round) return;
    st.devAnsweredRound[d] = this.round;
    const delayUs = Math.floor(uniform(s.seed, Purpose.status, d, this.round) * this.windowUs);
    ex.device.send(d, Msg.FragSessionStatusAns, delayUs, false);
  }

  /** The server heard a FragSessionStatusAns in the multicast flow. */
  heardAnswer(d: number): void {
    const { st } = this.c;
    st.reportedMissing[d] = this.missing(d);
    st.reportedRound[d] = this.round;
    this.c.phases.touch('status', this.c.now);
  }

  /** Phase timer: the answer window of `round` is over. */
  evaluate(round: number): void {
    if (this.over || round !== this.round || round <= this.evaluatedRound) return;
    this.evaluatedRound = round;
    const { st, s } = this.c;
    let worst = 0;
    for (let d = 0; d < st.count; d++) {
      if (st.reportedRound[d] === round && st.reportedMissing[d] > worst) worst = st.reportedMissing[d];
    }
    this.c.phases.touch('status', this.c.now);
    const firstN = this.c.nextRepairN;
    if (worst > 0 && this.repairsDone < s.completion.repairRounds && this.c.now < this.c.ctx.sessionEndUs && firstN <= MAX_N) {
      const lastN = Math.min(MAX_N, firstN + repairCount(worst) - 1);
      this.c.nextRepairN = lastN + 1;
      this.repairsDone++;
      this.repairing = true;
      this.c.phases.close('repair');
      this.c.phases.touch('repair', this.c.now);
      this.dist.extend(lastN);
      return;
    }
    this.finish();
  }

  /** No more multicast rounds: unicast repair for the devices that still reported a deficit. */
  finish(): void {
    if (this.over) return;
    this.over = true;
    const { st, s } = this.c;
    if (s.completion.unicastRepair && this.round >= 0) {
      for (let d = 0; d < st.count; d++) {
        if (st.reportedRound[d] !== this.round || st.reportedMissing[d] <= 0 || st.srvStep[d] !== Srv.setUp) continue;
        if (st.has(d, DevFlag.finished) && st.has(d, DevFlag.acked)) continue;
        const first = this.c.nextRepairN;
        this.unicast.startBatch(d, first, first + repairCount(st.reportedMissing[d]) - 1, Math.max(1, s.completion.repairRounds));
      }
    }
    this.onOver();
  }
}
