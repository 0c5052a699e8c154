/**
 * How far a run has got, for the progress bar: a share of the simulated campaign and the stage it
 * is in. The share is simulated time over the expected end of the campaign:
 * - once the session is booked, the end of its window (sessionStart + sessionTimeout): campaigns
 *   usually finish before it, and the bar then jumps to 100 %;
 * - before that, while devices are being set up over class A, the setup's end is extrapolated from
 *   the share of setup steps done so far (package version, multicast group, fragmentation session,
 *   clock sync, for every device), and the session window is added after it.
 * It never goes back, and stays below 1 until the run is over.
 */

export interface ProgressInput {
  campaignStartUs: number;
  nowUs: number;
  /** NaN or 0 while the session is not booked */
  sessionStartUs: number;
  sessionEndUs: number;
  /** devices set up for the session (or given up), all devices, and the share of the setup steps done over the fleet (0..1) */
  setUp: number;
  devices: number;
  setupShare: number;
  sessionTimeoutUs: number;
}

export interface RunProgress {
  /** 0..0.99 */
  fraction: number;
  /** e.g. "setup 612/1000 devices", "waiting for the session", "session" */
  stage: string;
}

export function runProgress(x: ProgressInput): RunProgress {
  const elapsed = Math.max(0, x.nowUs - x.campaignStartUs);
  const booked = x.sessionEndUs > 0 && x.sessionStartUs > 0;
  let endUs: number;
  let stage: string;
  if (booked) {
    endUs = x.sessionEndUs;
    if (x.nowUs >= x.sessionStartUs) stage = 'session';
    else stage = x.setUp < x.devices ? `setup ${x.setUp}/${x.devices} devices` : 'waiting for the session';
  } else {
    // setup so far took `elapsed` for `setupShare` of its steps: the rest at the same pace
    const setupEndUs = x.campaignStartUs + elapsed / Math.max(x.setupShare, 0.01);
    endUs = setupEndUs + x.sessionTimeoutUs;
    stage = `setup ${x.setUp}/${x.devices} devices`;
  }
  const fraction = Math.min(0.99, elapsed / Math.max(1, endUs - x.campaignStartUs));
  return { fraction, stage };
}
