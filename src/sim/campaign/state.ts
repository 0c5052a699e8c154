/**
 * Per-device campaign state, struct of arrays: what the server believes (`srv*`) and what the
 * device itself holds (`dev*`). The two can disagree — a device may have joined the session while
 * the server never heard its answer — and the final AWS status is the server's view.
 */
import { STATUS_INDEX } from '../world.js';

/** Server-side step of a device. */
export const Srv = {
  idle: 0,
  packageVersion: 1,
  mcGroupSetup: 2,
  fragSessionSetup: 3,
  clockSync: 4,
  /** setup.packCommands: the session request was answered, the clock is not yet known to be synchronised */
  sessionAccepted: 5,
  sessionRequest: 6,
  /** answered the session request */
  setUp: 7,
  /** setup ended without the device in the session (failure status recorded, or given up) */
  out: 8,
  /** unicast fragments (unicast mode or unicast repair) */
  unicast: 9,
  unicastStatus: 10,
  /** the device reported a verified image: reboot requested */
  reboot: 11,
  /** reboot acknowledged: waiting for DevVersionAns */
  version: 12,
  /** a failure report was heard: the session is deleted */
  deleting: 13,
  /** final status known */
  done: 14,
} as const;

/** What a device decided about its rebuilt image (devOutcome). */
export const Outcome = { none: 0, success: 1, micError: 2, memoryError: 3, refused: 4 } as const;

/** devFlags bits */
export const DevFlag = {
  joined: 1,
  synced: 2,
  finished: 4,
  /** the server acknowledged its completion report */
  acked: 8,
  rebootPlanned: 16,
  rebooted: 32,
  syncing: 64,
} as const;

export class CampaignState {
  readonly srvStep: Uint8Array;
  /** final AWS status index (server view); Initial until decided */
  readonly srvStatus: Uint8Array;
  /** when the server finished setting the device up (or gave up), µs; NaN before */
  readonly setupEndUs: Float64Array;
  /** when the server heard the device accept the session (set up), µs; NaN when never */
  readonly setUpAtUs: Float64Array;
  /** 1 once the server has answered an AppTimeReq of the device with a correction within the tolerance */
  readonly srvClockOk: Uint8Array;
  /** when the server knew the device's final status, µs; NaN before */
  readonly statusAtUs: Float64Array;
  /** last FragSessionStatusAns heard: MissingFrag and the status round it answered (−1: none) */
  readonly reportedMissing: Int32Array;
  readonly reportedRound: Int32Array;
  /** status round the device last answered (device side) */
  readonly devAnsweredRound: Int32Array;
  readonly devFlags: Uint8Array;
  readonly devOutcome: Uint8Array;
  /** AppTimeReq sent in the current synchronisation */
  readonly devSyncTries: Uint8Array;
  /** completion reports sent */
  readonly devReports: Uint8Array;
  readonly devRebootAtUs: Float64Array;
  /** the RebootTime the server asked for, µs */
  readonly srvRebootAtUs: Float64Array;
  /** unicast fragments: next N to send and last N planned, per device */
  readonly uniNextN: Int32Array;
  readonly uniLastN: Int32Array;
  /** unicast batches planned so far (the first batch, then repairs) */
  readonly uniBatches: Uint8Array;

  constructor(readonly count: number) {
    this.srvStep = new Uint8Array(count);
    this.srvStatus = new Uint8Array(count).fill(STATUS_INDEX.Initial);
    this.setupEndUs = new Float64Array(count).fill(NaN);
    this.setUpAtUs = new Float64Array(count).fill(NaN);
    this.srvClockOk = new Uint8Array(count);
    this.statusAtUs = new Float64Array(count).fill(NaN);
    this.reportedMissing = new Int32Array(count).fill(-1);
    this.reportedRound = new Int32Array(count).fill(-1);
    this.devAnsweredRound = new Int32Array(count).fill(-1);
    this.devFlags = new Uint8Array(count);
    this.devOutcome = new Uint8Array(count);
    this.devSyncTries = new Uint8Array(count);
    this.devReports = new Uint8Array(count);
    this.devRebootAtUs = new Float64Array(count).fill(NaN);
    this.srvRebootAtUs = new Float64Array(count).fill(NaN);
    this.uniNextN = new Int32Array(count);
    this.uniLastN = new Int32Array(count);
    this.uniBatches = new Uint8Array(count);
  }

  has(d: number, flag: number): boolean {
    return (this.devFlags[d] & flag) !== 0;
  }

  set(d: number, flag: number): void {
    this.devFlags[d] |= flag;
  }

  clear(d: number, flag: number): void {
    this.devFlags[d] &= ~flag;
  }
}
