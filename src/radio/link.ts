/**
 * Link budget: received power of one frame and whether a receiver can decode it
 * (docs/models/reception.md).
 */

/**
 * Received power, dBm: `Ptx + Gtx + Grx − (PL + shadowing) + fading`.
 * `shadowingDb` is extra loss (log-normal shadowing, drawn once per link); `fadingDb` is a power
 * gain (e.g. {@link rayleighFadingDb}, drawn per frame; 0 when fading is off).
 */
export function rxPowerDbm(
  txPowerDbm: number,
  txGainDbi: number,
  rxGainDbi: number,
  pathLossDb: number,
  shadowingDb: number,
  fadingDb: number,
): number {
  return txPowerDbm + txGainDbi + rxGainDbi - pathLossDb - shadowingDb + fadingDb;
}

/** A frame is decodable (absent interference) iff its received power reaches the sensitivity. */
export function frameDecodable(rxPowerDbm: number, sensitivityDbm: number): boolean {
  return rxPowerDbm >= sensitivityDbm;
}

/** Margin above sensitivity, dB (negative: below sensitivity). */
export function linkMarginDb(rxPowerDbm: number, sensitivityDbm: number): number {
  return rxPowerDbm - sensitivityDbm;
}
