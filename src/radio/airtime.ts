/**
 * LoRa time on air, exact to the microsecond.
 *
 * Source: Semtech LoRa modem formula as implemented in LoRaMac-node `SX1276GetLoRaTimeOnAirNumerator`
 * and ns-3 `LoraPhy::GetOnAirTime` (reference sheet, lorawan-facts.md section 1.1); LoRaWAN framing
 * rules of section 1.2 (CR 4/5, 8-symbol preamble, explicit header, CRC on uplink only; beacons with
 * a 10-symbol preamble, implicit header and no CRC).
 *
 *   Tsym = 2^SF / BW
 *   Npay = 8 + max(ceil((8·PL − 4·SF + 28 + 16·CRC − 20·IH) / (4·(SF − 2·DE))) · (CR + 4), 0)
 *   ToA  = (Npre + 4.25 + Npay) · Tsym
 *
 * Everything is computed in integers: ToA = (4·(Npre + Npay) + 17) · 2^SF · 10^6 / (4·BW) µs, which is
 * an exact integer for 125, 250 and 500 kHz. For other bandwidths the result is rounded up to the next
 * microsecond (a frame never ends before its last chip).
 */

export interface LoraFrameParams {
  /** spreading factor, 5..12 */
  sf: number;
  /** bandwidth, Hz */
  bwHz: number;
  /** PHY payload length (MHDR + MACPayload + MIC for LoRaWAN), 0..255 bytes */
  phyPayloadBytes: number;
  /** PHY payload CRC present (LoRaWAN: uplink yes, downlink and beacon no) */
  crc: boolean;
  /** implicit header (LoRaWAN: beacons only) */
  implicitHeader: boolean;
  /** programmed preamble length in symbols (LoRaWAN: 8; beacons 10) */
  preambleSymbols: number;
  /** coding rate 4/(4 + codingRate); LoRaWAN uses 1 (4/5) */
  codingRate: 1 | 2 | 3 | 4;
  /** low-data-rate optimisation; default: the LoRaWAN rule, on when Tsym >= 16 ms (section 1.2) */
  lowDataRateOptimize?: boolean;
}

/** LoRaWAN rule (section 1.2): DE on when Tsym = 2^SF/BW >= 16 ms, i.e. 2^SF · 1000 >= 16 · BW. */
export function lowDataRateOptimizeDefault(sf: number, bwHz: number): boolean {
  return 2 ** sf * 1000 >= 16 * bwHz;
}

/** Symbol duration 2^SF / BW in µs (an exact integer for 125/250/500 kHz). */
export function symbolTimeUs(sf: number, bwHz: number): number {
  checkSfBw(sf, bwHz);
  return (2 ** sf * 1_000_000) / bwHz;
}

/** Number of payload symbols Npay (including the 8 header/SFD-following symbols of the formula). */
export function payloadSymbols(p: LoraFrameParams): number {
  checkSfBw(p.sf, p.bwHz);
  if (!Number.isInteger(p.phyPayloadBytes) || p.phyPayloadBytes < 0 || p.phyPayloadBytes > 255) {
    throw new RangeError(`phyPayloadBytes must be an integer 0..255, got ${p.phyPayloadBytes}`);
  }
  if (![1, 2, 3, 4].includes(p.codingRate)) throw new RangeError(`codingRate must be 1..4, got ${p.codingRate}`);
  const de = (p.lowDataRateOptimize ?? lowDataRateOptimizeDefault(p.sf, p.bwHz)) ? 1 : 0;
  const numerator = 8 * p.phyPayloadBytes - 4 * p.sf + 28 + (p.crc ? 16 : 0) - (p.implicitHeader ? 20 : 0);
  const denominator = 4 * (p.sf - 2 * de);
  // integer ceil (works for negative numerators too)
  const blocks = Math.ceil(numerator / denominator);
  return 8 + Math.max(blocks * (p.codingRate + 4), 0);
}

/** Time on air in whole µs (exact for 125/250/500 kHz, otherwise rounded up). */
export function loraAirtimeUs(p: LoraFrameParams): number {
  if (!Number.isInteger(p.preambleSymbols) || p.preambleSymbols < 0 || p.preambleSymbols > 65535) {
    throw new RangeError(`preambleSymbols must be an integer 0..65535, got ${p.preambleSymbols}`);
  }
  const quarterSymbols = 4 * (p.preambleSymbols + payloadSymbols(p)) + 17; // (Npre + 4.25 + Npay) · 4
  const numerator = quarterSymbols * 2 ** p.sf * 1_000_000; // < 2^53 for every legal input
  const denominator = 4 * p.bwHz;
  const q = Math.floor(numerator / denominator);
  return q * denominator < numerator ? q + 1 : q;
}

/**
 * Airtimes of LoRaWAN data frames already worked out, by (uplink?, bandwidth, SF, bytes): the
 * simulator asks for the same few values millions of times (every uplink, every class A answer).
 * Only valid inputs are stored; anything else goes through loraAirtimeUs and its checks.
 */
const lorawanAirtimes = new Map<number, number>();

function lorawanAirtimeUs(uplink: boolean, sf: number, bwHz: number, phyPayloadBytes: number): number {
  // the key is one-to-one on integer SF 5..12, bytes 0..255 and integer bandwidths
  const keyed = Number.isInteger(sf) && sf >= 5 && sf <= 12 && Number.isInteger(phyPayloadBytes) && phyPayloadBytes >= 0 && phyPayloadBytes <= 255 && Number.isSafeInteger(bwHz) && bwHz > 0 && bwHz < 2 ** 30;
  const key = keyed ? ((bwHz * 16 + sf) * 256 + phyPayloadBytes) * 2 + (uplink ? 1 : 0) : -1;
  const known = keyed ? lorawanAirtimes.get(key) : undefined;
  if (known !== undefined) return known;
  const us = loraAirtimeUs({ sf, bwHz, phyPayloadBytes, crc: uplink, implicitHeader: false, preambleSymbols: 8, codingRate: 1 });
  if (keyed) lorawanAirtimes.set(key, us);
  return us;
}

/** LoRaWAN downlink data frame: CRC off, explicit header, preamble 8, CR 4/5 (section 1.2). */
export function lorawanDownlinkAirtimeUs(sf: number, bwHz: number, phyPayloadBytes: number): number {
  return lorawanAirtimeUs(false, sf, bwHz, phyPayloadBytes);
}

/** LoRaWAN uplink data frame: CRC on, explicit header, preamble 8, CR 4/5 (section 1.2). */
export function lorawanUplinkAirtimeUs(sf: number, bwHz: number, phyPayloadBytes: number): number {
  return lorawanAirtimeUs(true, sf, bwHz, phyPayloadBytes);
}

/** Class B beacon: implicit header, 10-symbol preamble, CRC off, CR 4/5 (sections 1.2 and 3.3). */
export function beaconAirtimeUs(sf: number, bwHz: number, beaconBytes: number): number {
  return loraAirtimeUs({ sf, bwHz, phyPayloadBytes: beaconBytes, crc: false, implicitHeader: true, preambleSymbols: 10, codingRate: 1 });
}

function checkSfBw(sf: number, bwHz: number): void {
  if (!Number.isInteger(sf) || sf < 5 || sf > 12) throw new RangeError(`sf must be an integer 5..12, got ${sf}`);
  if (!Number.isInteger(bwHz) || bwHz <= 0) throw new RangeError(`bwHz must be a positive integer, got ${bwHz}`);
}
