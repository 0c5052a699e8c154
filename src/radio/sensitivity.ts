/**
 * Receiver sensitivity and SNR floor per spreading factor (SF7–SF12) and bandwidth (125/250/500 kHz).
 * Values and confidence tags from lorawan-facts.md 6.2 (see docs/models/reception.md).
 */
/** The device radio chips the models know. */
export type RadioChip = 'sx1276' | 'sx1262';

/** Thermal noise density at 290 K, dBm/Hz. */
export const THERMAL_NOISE_DBM_PER_HZ = -174;

/** Noise figure assumed for the SX1262 sensitivity estimate, dB (lorawan-facts 6.2: assumption). */
export const SX1262_ASSUMED_NF_DB = 6;

/** Demodulator SNR floor, dB, SF7..SF12 [V LES `required_snr`, FLoRa port]. */
const REQUIRED_SNR_DB: readonly number[] = [-7.5, -10, -12.5, -15, -17.5, -20];

type BwTable = Readonly<Record<125000 | 250000 | 500000, readonly number[]>>;

/** SX1276 sensitivity, dBm, SF7..SF12 per bandwidth [V code copies citing the SX1276 datasheet rev 7]. */
const SX1276_DBM: BwTable = {
  125000: [-123, -126, -129, -132, -133, -136],
  250000: [-120, -123, -125, -128, -130, -133],
  500000: [-116, -119, -122, -125, -128, -130],
};

/** SX1301 gateway sensitivity at BW125, dBm, SF7..SF12 [V NS3 `GatewayLoraPhy::sensitivity`]. */
const SX1301_BW125_DBM: readonly number[] = [-130, -132.5, -135, -137.5, -140, -142.5];

function sfIndex(sf: number): number {
  if (!Number.isInteger(sf) || sf < 7 || sf > 12) throw new RangeError(`spreading factor ${sf} is not in 7..12`);
  return sf - 7;
}

function checkBw(bwHz: number): 125000 | 250000 | 500000 {
  if (bwHz !== 125000 && bwHz !== 250000 && bwHz !== 500000) throw new RangeError(`bandwidth ${bwHz} Hz is not 125000, 250000 or 500000`);
  return bwHz;
}

/** SNR a LoRa demodulator needs at `sf`, dB. */
export function requiredSnrDb(sf: number): number {
  return REQUIRED_SNR_DB[sfIndex(sf)];
}

/** Noise floor over `bwHz`: −174 + 10·log10(BW) + NF, dBm. */
export function noiseFloorDbm(bwHz: number, noiseFigureDb: number): number {
  return THERMAL_NOISE_DBM_PER_HZ + 10 * Math.log10(bwHz) + noiseFigureDb;
}

/** Signal-to-noise ratio of a frame received at `rssiDbm`, dB. */
export function snrDb(rssiDbm: number, bwHz: number, nfDb: number): number {
  return rssiDbm - noiseFloorDbm(bwHz, nfDb);
}

/**
 * End-device sensitivity, dBm. SX1276: datasheet table. SX1262: per-SF values are not confirmed
 * (lorawan-facts 6.2, 9.3), so they are the documented estimate −174 + 10·log10(BW) + 6 dB + SNR_req.
 */
export function deviceSensitivityDbm(chip: RadioChip, sf: number, bwHz: number): number {
  const i = sfIndex(sf);
  const bw = checkBw(bwHz);
  if (chip === 'sx1276') return SX1276_DBM[bw][i];
  return noiseFloorDbm(bw, SX1262_ASSUMED_NF_DB) + REQUIRED_SNR_DB[i];
}

/**
 * Gateway (SX1301) sensitivity, dBm. BW125 from ns-3; 250 and 500 kHz are an assumption: the BW125
 * value raised by 10·log10(BW/125 kHz) (the noise-bandwidth penalty; 3.01 and 6.02 dB).
 */
export function gatewaySensitivityDbm(sf: number, bwHz: number): number {
  const i = sfIndex(sf);
  const bw = checkBw(bwHz);
  return SX1301_BW125_DBM[i] + 10 * Math.log10(bw / 125000);
}
