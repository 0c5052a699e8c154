/**
 * GPS time (lorawan-facts.md 4.3): GPS = Unix − 315 964 800 + leapSeconds. GPS time has been 18 s
 * ahead of UTC since 2017-01-01 (the last leap second); no later leap second has been announced.
 * Dates before 2017 are therefore off by the leap seconds added since (the simulator does not need
 * them). Note that LoRaMac-node devices ignore the leap seconds until clock sync corrects them.
 */

/** Unix time of the GPS epoch, 1980-01-06T00:00:00Z, s */
export const GPS_UNIX_OFFSET_S = 315_964_800;
/** GPS − UTC since 2017-01-01, s */
export const GPS_LEAP_SECONDS = 18;

export function unixToGpsS(unixS: number): number {
  return unixS - GPS_UNIX_OFFSET_S + GPS_LEAP_SECONDS;
}

export function gpsToUnixS(gpsS: number): number {
  return gpsS + GPS_UNIX_OFFSET_S - GPS_LEAP_SECONDS;
}

/** ISO-8601 date-time (with Z or an offset) to GPS µs, exact to the millisecond given. */
export function isoToGpsUs(iso: string): number {
  const unixMs = Date.parse(iso);
  if (Number.isNaN(unixMs)) throw new RangeError(`not an ISO-8601 date-time: ${JSON.stringify(iso)}`);
  return (unixMs - (GPS_UNIX_OFFSET_S - GPS_LEAP_SECONDS) * 1000) * 1000;
}
