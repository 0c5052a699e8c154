/**
 * The devices each multicast frame visits, and the frames' schedule, for the loop measurements made
 * before building a change (bench/fork-join.ts, bench/layout.ts): per gateway, the devices in its reach (sensitivity at the
 * configured EIRP) whose link to it is within the co-SF capture threshold of their best link. The
 * others lose its copies to the overlapping copies of stronger gateways, which the capture memo
 * remembers and no longer visits (reception.ts), so this stands in for the memo's position lists.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { resolveScenario } from '../src/scenario/resolve.js';
import { buildWorld } from '../src/sim/world.js';

/** co-SF capture threshold, dB (lorawan-facts 6.3) */
export const CAPTURE_DB = 6;
/** a 239-byte fragment at DR5 on the air, and the gap between neighbouring gateways' copies, µs */
export const FRAME_US = 394_500;
export const FRAME_GAP_US = 240_000;
/** the burst stand-in's sojourns, µs: the benchmark campaign's meanBurstS 7 and meanGapS 140 */
export const BURST_BAD_US = 7e6;
export const BURST_GOOD_US = 140e6;

/** Frame k of the schedule: gateway k mod G sends fragment ⌊k / G⌋ + 1 over [start, end), µs. */
export function frameOf(k: number, G: number): { g: number; n: number; start: number; end: number } {
  const start = k * FRAME_GAP_US;
  return { g: k % G, n: Math.floor(k / G) + 1, start, end: start + FRAME_US };
}

export interface VisitedLists {
  gateways: number;
  /** per gateway, the devices it visits (scenario numbers), in ascending order of `number` */
  reach: number[][];
  /** each device's number: its own, or its rank by strongest gateway (`spatial`) */
  number: Int32Array;
}

/**
 * The lists of scenario `file` at `devices` devices. `spatial`: devices numbered by their strongest
 * gateway first (in the scenario's order otherwise) instead of the scenario's numbers, and each list
 * in that order.
 */
export function visitedLists(file: string, devices: number, spatial = false): VisitedLists {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { devices: { count: number } };
  raw.devices.count = devices;
  const s = resolveScenario(raw, { baseDir: dirname(resolve(file)), allowLarge: true });
  const world = buildWorld(s, false);
  const G = world.links.gateways;
  const txDbm = s.gateways.txPowerDbm + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
  const sens = world.radio.deviceSensitivityDbm;
  const rx = (d: number, g: number) => Math.fround(txDbm - world.links.lossDb[d * G + g]);
  const strongest = new Int32Array(devices);
  for (let d = 0; d < devices; d++) {
    for (let g = 1; g < G; g++) if (rx(d, g) > rx(d, strongest[d])) strongest[d] = g;
  }
  const number = new Int32Array(devices);
  if (spatial) {
    const order = Array.from({ length: devices }, (_, d) => d).sort((a, b) => strongest[a] - strongest[b] || a - b);
    order.forEach((d, i) => (number[d] = i));
  } else {
    for (let d = 0; d < devices; d++) number[d] = d;
  }
  const reach: number[][] = Array.from({ length: G }, () => []);
  for (let d = 0; d < devices; d++) {
    const best = rx(d, strongest[d]);
    for (let g = 0; g < G; g++) if (rx(d, g) >= sens && rx(d, g) >= best - CAPTURE_DB) reach[g].push(d);
  }
  for (const list of reach) list.sort((a, b) => number[a] - number[b]);
  return { gateways: G, reach, number };
}
