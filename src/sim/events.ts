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
  /** a campaign phase hook (setup, status, repair): `a` = phase code, `b` = argument */
  phase: 8,
} as const;
