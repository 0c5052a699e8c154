/**
 * Resolves the firmware image, the session's data rate and frequency, the fragment size and count,
 * and the session timeout, adding a problem line for each cross-field rule broken.
 */
import { MAX_FRAGMENT_COUNTER } from '../fuota/ts004/constants.js';
import { fragmentPlan, type FragmentPlan } from '../fuota/ts004/sizing.js';
import type { Region } from '../lorawan/regions/index.js';
import {
  CLASS_C_MAX_TIMEOUT_S, DEFAULT_DL_DR, DEFAULT_IMAGE_BYTES, deriveSessionTimeoutS, maxFragmentSizeBytes, roundSessionTimeoutS,
} from './derive.js';
import { checkFile } from './files.js';
import type { ParsedScenario } from './schema.js';
import { MAX_IMAGE_BYTES } from '../fuota/image/limits.js';
import { buildFirmwarePackage } from '../fuota/image/package.js';
import { ImageError } from '../fuota/image/errors.js';
import { manifestSizeBytes } from '../fuota/image/manifest.js';
import type { ResolvedScenario } from './types.js';

type Firmware = ResolvedScenario['firmware'];

/** Manifest length, or 0 while the version is still invalid (reported by the schema). */
function safeManifestBytes(version: string, alg: Firmware['signature'], kind: 'image' | 'delta'): number {
  try {
    return manifestSizeBytes(version, alg, kind);
  } catch {
    return 0;
  }
}

/** The firmware section with paths made absolute and the size filled; `dataLength` = bytes actually sent. */
export function resolveFirmware(f: ParsedScenario['firmware'], baseDir: string, problems: string[]): { firmware: Firmware; dataLength: number } {
  const file = f.file === null ? null : checkFile('firmware.file', f.file, baseDir, problems);
  const fileSize = file?.sizeBytes ?? null;
  if (fileSize !== null && f.sizeBytes !== undefined && f.sizeBytes !== fileSize) {
    problems.push(`firmware.sizeBytes: ${f.sizeBytes} differs from the ${fileSize} bytes of firmware.file; allowed: leave it out, or give the file's size`);
  }
  if (fileSize === 0) problems.push('firmware.file: the file is empty; allowed: an image of 1 byte or more');
  const sizeBytes = f.sizeBytes ?? (fileSize || DEFAULT_IMAGE_BYTES);
  const signingKey = f.signingKeyFile === null ? null : checkFile('firmware.signingKeyFile', f.signingKeyFile, baseDir, problems);
  if (signingKey !== null && f.signature === 'none') {
    problems.push('firmware.signingKeyFile: a key is given but firmware.signature is "none"; allowed: null, or a signature of "ecdsa-p256" or "ed25519"');
  }
  let delta: Firmware['delta'] = null;
  let deltaReadable = false;
  if (f.delta !== null) {
    const base = checkFile('firmware.delta.baseFile', f.delta.baseFile, baseDir, problems);
    const target = checkFile('firmware.delta.file', f.delta.file, baseDir, problems);
    delta = { baseFile: base.path, file: target.path };
    deltaReadable = base.sizeBytes !== null && target.sizeBytes !== null;
    if (target.sizeBytes === 0) problems.push('firmware.delta.file: the file is empty; allowed: the new image (or a VCDIFF delta) of 1 byte or more');
  } else if (sizeBytes > MAX_IMAGE_BYTES) {
    problems.push(`firmware.sizeBytes: ${sizeBytes} is larger than the ${MAX_IMAGE_BYTES} bytes (1 MB) AWS accepts; send a delta instead (firmware.delta) or a smaller image`);
  }
  const firmware: Firmware = {
    sizeBytes,
    file: file?.path ?? null,
    version: f.version,
    signature: f.signature,
    signingKeyFile: signingKey?.path ?? null,
    delta,
    tamperBytes: f.tamperBytes,
  };
  // what is sent: the manifest (version, digest, signature) followed by the image or the delta
  let dataLength = sizeBytes + safeManifestBytes(f.version, f.signature, 'image');
  if (delta !== null && deltaReadable && problems.length === 0) {
    try {
      const pkg = buildFirmwarePackage(firmware, 0);
      dataLength = pkg.payload.length;
      firmware.sizeBytes = pkg.image.length;
    } catch (err) {
      if (!(err instanceof ImageError)) throw err;
      problems.push(`firmware.delta: ${err.message}`);
    }
  }
  return { firmware, dataLength: Math.max(1, dataLength) };
}

export interface Downlink {
  dlDr: number;
  dlFreq: number;
  /** null when no fragment size could be settled (a problem was reported) */
  fragmentSizeBytes: number | null;
}

const mhz = (hz: number): string => `${hz / 1e6} MHz`;

/** The session's data rate, frequency and fragment size, checked against the region. */
export function resolveDownlink(p: ParsedScenario, region: Region, problems: string[]): Downlink {
  const mg = p.multicastGroup;
  const dlDr = mg.dlDr ?? DEFAULT_DL_DR[p.region];
  const dlFreq = mg.dlFreq ?? region.rx2.freqHz;
  const loraDown = region.dataRates.flatMap((r) => (r && r.downlink && r.modulation === 'LoRa' ? [r.dr] : []));
  const allowedDr = `${loraDown.map((d) => `DR${d}`).join(', ')} (LoRa downlink data rates of ${p.region})`;
  const rate = region.dataRates[dlDr];
  let fragmentSizeBytes: number | null = null;
  if (!rate) {
    problems.push(`multicastGroup.dlDr: ${dlDr} is reserved (RFU) in ${p.region}; allowed: ${allowedDr}`);
  } else if (!rate.downlink) {
    problems.push(`multicastGroup.dlDr: ${dlDr} is an uplink-only data rate in ${p.region}; allowed: ${allowedDr}`);
  } else if (rate.modulation !== 'LoRa') {
    problems.push(`multicastGroup.dlDr: ${dlDr} is ${rate.modulation}, which the simulator does not model; allowed: ${allowedDr}`);
  } else {
    const dwell = p.devices.downlinkDwellTime === 1 && region.downlinkDwellConfigurable;
    const maxFrag = maxFragmentSizeBytes(region, dlDr, dwell);
    const given = p.fuotaTask.fragmentSizeBytes;
    if (maxFrag === 0) {
      problems.push(`multicastGroup.dlDr: ${dlDr} carries no payload in ${p.region} with devices.downlinkDwellTime 1 (400 ms); allowed: a faster data rate, or downlinkDwellTime 0`);
    } else if (given !== undefined && given > maxFrag) {
      const how = dwell ? ' with devices.downlinkDwellTime 1' : '';
      problems.push(`fuotaTask.fragmentSizeBytes: ${given} is larger than the ${maxFrag} bytes that fit DR${dlDr} in ${p.region}${how} (N − 3); allowed: integer 1..${maxFrag}, or leave it out`);
    } else {
      fragmentSizeBytes = given ?? maxFrag;
    }
    if (mg.dlClass === 'ClassB' && !region.classBAllowedDataRates.includes(dlDr)) {
      problems.push(`multicastGroup.dlDr: ${dlDr} is not allowed for class B ping slots in ${p.region}; allowed: ${region.classBAllowedDataRates.map((d) => `DR${d}`).join(', ')}`);
    }
  }
  const [minHz, maxHz] = region.frequencyRangeHz;
  if (dlFreq < minHz || dlFreq > maxHz) {
    problems.push(`multicastGroup.dlFreq: ${dlFreq} is outside ${p.region}; allowed: ${minHz}..${maxHz} Hz (${mhz(minHz)} to ${mhz(maxHz)})`);
  } else if (region.subBandOf(dlFreq) === null) {
    const bands = region.subBands.map((b) => `${b.name} ${mhz(b.minHz)}–${mhz(b.maxHz)}`).join(', ');
    problems.push(`multicastGroup.dlFreq: ${dlFreq} is outside every sub-band of ${p.region}; allowed: a frequency in ${bands} (upper edges excluded)`);
  }
  return { dlDr, dlFreq, fragmentSizeBytes };
}

/** The TS004 plan, or null with a problem when the session would need more than 16383 fragments. */
export function planFragments(dataLength: number, fragmentSizeBytes: number, redundancyPercent: number, problems: string[]): FragmentPlan | null {
  const nbFrag = Math.ceil(dataLength / fragmentSizeBytes);
  const coded = Math.ceil((nbFrag * redundancyPercent) / 100 - 1e-9); // as fragmentPlan rounds
  if (nbFrag + coded > MAX_FRAGMENT_COUNTER) {
    problems.push(`fuotaTask.fragmentSizeBytes: ${fragmentSizeBytes} gives ${nbFrag} fragments + ${redundancyPercent} % redundancy = ${nbFrag + coded}, more than the ${MAX_FRAGMENT_COUNTER} one TS004 session can number; use larger fragments (a faster multicastGroup.dlDr), less fuotaTask.redundancyPercent, or a delta (firmware.delta)`);
    return null;
  }
  return fragmentPlan(dataLength, fragmentSizeBytes, redundancyPercent);
}

/**
 * The session timeout: a given value rounded up to a power of two (as AWS does; at least one beacon
 * period for class B), else derived. A class C value beyond what TS005 can send (2^15 s) is refused.
 */
export function resolveSessionTimeoutS(p: ParsedScenario, region: Region, down: Downlink, plan: FragmentPlan | null, problems: string[]): number {
  const given = p.multicastGroup.sessionTimeoutS;
  const dlClass = p.multicastGroup.dlClass;
  if (given !== undefined) {
    const rounded = roundSessionTimeoutS(given, dlClass);
    if (dlClass === 'ClassC' && rounded > CLASS_C_MAX_TIMEOUT_S) {
      const why = rounded === given ? '' : ` (rounded up to ${rounded}, as AWS rounds to a power of two)`;
      problems.push(`multicastGroup.sessionTimeoutS: ${given}${why} is longer than a TS005 class C session can last (SessionTimeOut 2^15 = ${CLASS_C_MAX_TIMEOUT_S} s); allowed: 60..${CLASS_C_MAX_TIMEOUT_S} for ClassC, or leave it out`);
    }
    return rounded;
  }
  if (plan === null || down.fragmentSizeBytes === null) return SESSION_FALLBACK_S;
  return deriveSessionTimeoutS({
    region,
    dlClass: p.multicastGroup.dlClass,
    dlDr: down.dlDr,
    dlFreq: down.dlFreq,
    fragmentSizeBytes: down.fragmentSizeBytes,
    fragmentIntervalMs: p.fuotaTask.fragmentIntervalMs,
    pingSlotPeriod: p.multicastGroup.pingSlotPeriod,
    totalFragments: plan.totalCount,
  });
}

/** Placeholder timeout while other problems are pending (never returned in a resolved scenario). */
const SESSION_FALLBACK_S = 3600;
