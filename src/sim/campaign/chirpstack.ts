/**
 * ChirpStack v4's FUOTA deployment steps (`chirpstack/src/applayer/fuota/flow.rs`, lorawan-facts
 * 7.4), for multicastGroup.sessionStart "chirpstack". Each step works on the whole group:
 *
 * - McGroupSetup, then FragSessionSetup (devices that completed McGroupSetup), then McSession
 *   (devices that completed FragSessionSetup). A step run queues its request for every device of
 *   the step that has not answered and runs again one uplink interval later; when a run finds every
 *   such device done it moves on at once; a run after (max retries + 1) attempts moves on and the
 *   devices still pending time out (status `Initial` here: the session never started for them).
 * - The McSession step's first run fixes the session: start = now + (max retries + 1) × the uplink
 *   interval; a class B SessionTime is that start rounded down to a beacon, and the fragments are
 *   enqueued at the start itself.
 * - A step that finds no device done with the previous one ends the deployment (no session).
 *
 * The flow sends no PackageVersionReq and never forces a clock resynchronisation; devices synchronise
 * by themselves (setup.ts). Each request rides its own downlink (one device-queue item per command).
 */
import type { CampaignCore } from './core.js';
import { Msg } from './messages.js';
import { Srv } from './state.js';

/** Steps in order: the server step a device must be at, and the request that step sends. */
const STEPS = [
  { step: Srv.mcGroupSetup, request: Msg.McGroupSetupReq },
  { step: Srv.fragSessionSetup, request: Msg.FragSessionSetupReq },
  { step: Srv.sessionRequest, request: Msg.McSessionReq },
] as const;

export interface ChirpStackHooks {
  /** device d timed out at a step (left setup) */
  out(d: number): void;
  /** the McSession step's first run: the session starts at startUs (SessionTime may be earlier for class B) */
  fixSession(startUs: number): void;
  /** no device completed the previous step: the deployment ends without a session */
  abandon(): void;
  /** schedule run() at atUs */
  runAt(atUs: number): void;
}

export class ChirpStackSteps {
  private index = 0;
  private attempts = 0;
  private readonly maxRetries: number;

  constructor(
    private readonly c: CampaignCore,
    private readonly hooks: ChirpStackHooks,
  ) {
    this.maxRetries = c.s.setup.maxRetries;
  }

  /** Puts every device in the first step and runs it now. */
  start(): void {
    for (let d = 0; d < this.c.st.count; d++) this.c.st.srvStep[d] = Srv.mcGroupSetup;
    this.run();
  }

  /** One run of the current step (flow.rs: multicast_group_setup, fragmentation_session_setup, multicast_session_setup). */
  run(): void {
    const { st, ex, now } = this.c;
    const { step, request } = STEPS[this.index];
    const pending: number[] = [];
    let reached = 0;
    for (let d = 0; d < st.count; d++) {
      const at = st.srvStep[d];
      if (at === step) pending.push(d);
      else if (at > step && at !== Srv.out) reached++;
    }
    if (this.attempts > this.maxRetries) {
      for (const d of pending) {
        ex.clearMail(d);
        this.hooks.out(d);
      }
      return this.next();
    }
    this.attempts++;
    if (this.index > 0 && pending.length === 0 && reached === 0) return this.hooks.abandon();
    if (step === Srv.sessionRequest && this.attempts === 1) this.hooks.fixSession(now + (this.maxRetries + 1) * ex.intervalUs);
    for (const d of pending) ex.request(d, request);
    if (pending.length > 0) this.hooks.runAt(now + ex.intervalUs);
    else this.next();
  }

  private next(): void {
    this.index++;
    this.attempts = 0;
    if (this.index < STEPS.length) this.run();
  }
}
