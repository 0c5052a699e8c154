/**
 * Resolves the devices' class A radio parameters (AWS device-profile fields RxDrOffset1,
 * RxDataRate2, RxFreq2; AS923 DownlinkDwellTime) and the gateways' US915/AU915 sub-bands (AWS
 * LoRaWANGateway.SubBands), adding a problem line for each value the region does not allow.
 */
import { DEFAULT_SUB_BAND, type Region } from '../lorawan/regions/index.js';
import type { ParsedScenario } from './schema.js';
import type { ResolvedScenario } from './types.js';

type DeviceRadio = Pick<ResolvedScenario['devices'], 'rxDrOffset1' | 'rxDataRate2' | 'rxFreq2' | 'downlinkDwellTime'>;

const mhz = (hz: number): string => `${hz / 1e6} MHz`;

export function resolveDeviceRadio(d: ParsedScenario['devices'], region: Region, problems: string[]): DeviceRadio {
  const dwell = d.downlinkDwellTime === 1;
  if (dwell && !region.downlinkDwellConfigurable) {
    problems.push(`devices.downlinkDwellTime: 1 has no meaning in ${region.name} (only AS923 downlinks have a dwell-time setting); allowed: 0`);
  }
  if (d.rxDrOffset1 > region.rx1.maxOffset) {
    problems.push(`devices.rxDrOffset1: ${d.rxDrOffset1} is not an RX1 data-rate offset of ${region.name}; allowed: integer 0..${region.rx1.maxOffset}`);
  }
  const rxDataRate2 = d.rxDataRate2 ?? region.rx2.dr;
  const rate = region.dataRates[rxDataRate2];
  const usable = region.dataRates.flatMap((r) =>
    r && r.downlink && r.modulation === 'LoRa' && region.maxFrmPayloadBytes(r.dr, { dwellTime: dwell && region.downlinkDwellConfigurable }) > 0 ? [`DR${r.dr}`] : []);
  if (!rate || !rate.downlink || rate.modulation !== 'LoRa' || region.maxFrmPayloadBytes(rxDataRate2, { dwellTime: dwell && region.downlinkDwellConfigurable }) === 0) {
    const why = dwell && rate && rate.downlink ? ' with downlinkDwellTime 1' : '';
    problems.push(`devices.rxDataRate2: ${rxDataRate2} is not a LoRa downlink data rate of ${region.name}${why}; allowed: null or ${usable.join(', ')}`);
  }
  const rxFreq2 = d.rxFreq2 ?? region.rx2.freqHz;
  const [minHz, maxHz] = region.frequencyRangeHz;
  if (rxFreq2 < minHz || rxFreq2 > maxHz || region.subBandOf(rxFreq2) === null) {
    problems.push(`devices.rxFreq2: ${rxFreq2} is outside the sub-bands of ${region.name}; allowed: null or a frequency in ${mhz(minHz)} to ${mhz(maxHz)} in Hz (AWS RxFreq2 counts 100 Hz units: multiply by 100)`);
  }
  return { rxDrOffset1: d.rxDrOffset1, rxDataRate2, rxFreq2, downlinkDwellTime: dwell ? 1 : 0 };
}

/** The gateways' sub-bands: [2] by default in US915/AU915, null elsewhere. */
export function resolveSubBands(given: number[] | null, region: Region, problems: string[]): number[] | null {
  if (!region.usesSubBands) {
    if (given !== null) problems.push(`gateways.subBands: ${JSON.stringify(given)} has no meaning in ${region.name} (only US915 and AU915 uplinks are split into sub-bands); allowed: null`);
    return null;
  }
  if (given === null) return [DEFAULT_SUB_BAND];
  given.forEach((sb, i) => {
    if (given.indexOf(sb) !== i) problems.push(`gateways.subBands[${i}]: ${sb} is listed twice; allowed: each sub-band 1..8 once`);
  });
  return [...given].sort((a, b) => a - b);
}
