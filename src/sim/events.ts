/** Event kinds of a campaign run (the kernel only sees integers). */
export const Ev = {
  /** the server hands fragment `a` (TS004 N) to the group's gateways */
  release: 1,
  /** gateway `a` tries to send the head of its queue */
  gatewayTry: 2,
  /** the frame in flight slot `a` has ended: deliver it */
  frameEnd: 3,
  /** class B beacon number `a` (beacon period index) starts */
  beacon: 4,
  /** device `a` starts a background uplink */
  uplinkStart: 5,
  /** uplink in flight slot `a` has ended: deliver it to the gateways */
  uplinkEnd: 6,
  /** the multicast session of the group ends */
  sessionEnd: 7,
  /** the distribution is over (all fragments sent and ended) */
  phase: 8,
  /** class A downlink slot `a` reaches its receive window (RX1, then RX2) */
  classADownlink: 9,
  /** a timer of the campaign phases (campaign/*.ts): `a` = timer code, `b` = argument */
  campaign: 10,
  /** class B: the group's next frame looks for its ping slot (classb-schedule.ts) */
  slotTry: 11,
} as const;
