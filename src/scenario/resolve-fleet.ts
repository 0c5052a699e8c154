/**
 * Resolves the devices (count, placement, radio profile) and the gateways (positions, power),
 * adding a problem line for each cross-field rule broken.
 */
import type { Region } from '../lorawan/regions/index.js';
import { MCU_PROFILES } from '../fuota/image/energy.js';
import { DEFAULT_RADIO_PROFILES, TX_POWER_RANGE_DBM, txCurrentA, txPowerInRange } from '../radio/energy.js';
import { checkFile, readCsvPositions } from './files.js';
import { gatewayLayout, type GatewayPlacement } from './layout.js';
import { resolveDeviceRadio, resolveSubBands } from './resolve-radio.js';
import type { ParsedScenario } from './schema.js';
import type { McuSettings, Placement, RadioProfile, ResolvedScenario } from './types.js';

type Devices = ResolvedScenario['devices'];
type Gateways = ResolvedScenario['gateways'];

/** Fleet size when neither count nor a list of positions is given. */
export const DEFAULT_DEVICE_COUNT = 100;

function checkRing(path: string, p: { kind: string; minM?: number; maxM?: number }, problems: string[]): void {
  if (p.kind === 'ring' && p.minM !== undefined && p.maxM !== undefined && p.minM >= p.maxM) {
    problems.push(`${path}.minM: ${p.minM} is not below maxM (${p.maxM}); allowed: 0 <= minM < maxM`);
  }
}

/** A csv placement becomes a list; relative paths resolve against baseDir. */
function resolvePlacement(given: ParsedScenario['devices']['placement'], baseDir: string, problems: string[]): Placement {
  if (given.kind !== 'csv') return given;
  const file = checkFile('devices.placement.file', given.file, baseDir, problems);
  if (file.sizeBytes === null) return { kind: 'list', positions: [[0, 0]] };
  const positions = readCsvPositions('devices.placement.file', file.path, problems);
  return { kind: 'list', positions: positions.length > 0 ? positions : [[0, 0]] };
}

/**
 * The chip's current profile with the scenario's overrides; TX current from the chip's table at
 * devices.txPowerDbm, which must lie within the table (radio/energy.ts, docs/models/energy.md).
 */
function resolveRadioProfile(d: ParsedScenario['devices'], problems: string[]): RadioProfile {
  const profile: RadioProfile = { ...DEFAULT_RADIO_PROFILES[d.radio] };
  if (txPowerInRange(d.radio, d.txPowerDbm)) profile.txA = txCurrentA(d.radio, d.txPowerDbm);
  else {
    const [lo, hi] = TX_POWER_RANGE_DBM[d.radio];
    problems.push(`devices.txPowerDbm: ${d.txPowerDbm} is outside the ${d.radio}'s transmit power range; allowed: ${lo}..${hi} (dBm, the range its current table covers)`);
  }
  for (const [key, value] of Object.entries(d.radioProfile) as Array<[keyof RadioProfile, number | undefined]>) {
    if (value !== undefined) profile[key] = value;
  }
  return profile;
}

/** The MCU profile's figures with the scenario's overrides ('none' keeps the default profile's figures, unused). */
function resolveMcu(m: ParsedScenario['devices']['mcu']): McuSettings {
  const { profile, imageApply, ...overrides } = m;
  const out: McuSettings = { profile, imageApply, ...MCU_PROFILES[profile === 'none' ? 'stm32l072' : profile] };
  for (const [key, value] of Object.entries(overrides) as Array<[keyof typeof overrides, number | undefined]>) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * The devices section. Its RX window fields are checked against the region by `radioProblems`
 * (a separate list, so that they are left out when the region itself was rejected).
 */
export function resolveDevices(d: ParsedScenario['devices'], region: Region, baseDir: string, problems: string[], radioProblems: string[] = problems): Devices {
  checkRing('devices.placement', d.placement, problems);
  const placement = resolvePlacement(d.placement, baseDir, problems);
  let count = d.count ?? DEFAULT_DEVICE_COUNT;
  if (placement.kind === 'list') {
    const listed = placement.positions.length;
    if (d.count !== undefined && d.count !== listed) {
      problems.push(`devices.count: ${d.count} differs from the ${listed} positions of devices.placement; allowed: ${listed}, or leave it out`);
    }
    count = listed;
  }
  const radioProfile = resolveRadioProfile(d, problems);
  const mix = d.mix;
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  if (total > 1 + 1e-9) {
    problems.push(`devices.mix: the shares add up to ${Number(total.toFixed(6))}; allowed: a sum of at most 1`);
  }
  return {
    count,
    placement,
    radio: d.radio,
    radioProfile,
    mcu: resolveMcu(d.mcu),
    beaconAcquisition: d.beaconAcquisition,
    txPowerDbm: d.txPowerDbm,
    antennaGainDbi: d.antennaGainDbi,
    firmwareVersion: d.firmwareVersion,
    memoryFragments: d.memoryFragments,
    ...resolveDeviceRadio(d, region, radioProblems),
    clock: d.clock,
    mix,
    lbt: d.lbt,
  };
}

const DEFAULT_GATEWAY_PLACEMENT: GatewayPlacement = { kind: 'disc', radiusM: 3000, centerM: [0, 0] };

export function resolveGateways(g: ParsedScenario['gateways'], region: Region, dlFreq: number, problems: string[]): Gateways {
  let positions: Array<[number, number]> = [[0, 0]];
  if (g.positions !== undefined && g.count !== undefined) {
    problems.push('gateways.count: given together with gateways.positions; allowed: either positions or count (with placement)');
  } else if (g.positions !== undefined) {
    if (g.placement !== undefined) problems.push('gateways.placement: given together with gateways.positions; allowed: placement only with gateways.count');
    positions = g.positions;
  } else if (g.count !== undefined) {
    const placement = g.placement ?? DEFAULT_GATEWAY_PLACEMENT;
    checkRing('gateways.placement', placement, problems);
    positions = gatewayLayout(g.count, placement);
  } else if (g.placement !== undefined) {
    problems.push('gateways.placement: given without gateways.count; allowed: placement only with gateways.count');
  }
  return {
    positions,
    subBands: resolveSubBands(g.subBands, region, problems),
    txPowerDbm: g.txPowerDbm ?? region.downlinkTxPowerDbm(dlFreq),
    antennaGainDbi: g.antennaGainDbi,
    dutyCycle: g.dutyCycle,
    demodulators: g.demodulators,
  };
}

/** Problems with the group's gateway ids: out of range or repeated. */
export function checkGatewayIds(ids: 'all' | 'cover' | number[], gatewayCount: number, problems: string[]): void {
  if (ids === 'all' || ids === 'cover') return;
  const seen = new Set<number>();
  ids.forEach((id, i) => {
    if (id >= gatewayCount) {
      problems.push(`multicastGroup.gateways[${i}]: ${id} is not a gateway id; allowed: 0..${gatewayCount - 1} (indexes into gateways.positions)`);
    } else if (seen.has(id)) {
      problems.push(`multicastGroup.gateways[${i}]: ${id} is listed twice; allowed: each gateway id once`);
    }
    seen.add(id);
  });
}
