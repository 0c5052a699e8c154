/**
 * The figures of docs/validation.md as vega-lite specs (rendered to SVG by bench/validation-figures.ts),
 * in the look of the simulator's own plots (src/output/plots/theme.ts).
 */
import { frame, GUIDE_COLOR, LIMIT_COLOR, PALETTE, type VlSpec } from '../../src/output/plots/theme.js';

const SOURCE_SCALE = { domain: ['reference decoders', 'fuota-sim'], range: [GUIDE_COLOR, PALETTE[0]] };

export interface OverheadCell {
  panel: string;
  m: number;
  source: 'reference decoders' | 'fuota-sim';
  mean: number;
  /** ± two standard errors (fuota-sim only) */
  low: number | null;
  high: number | null;
}

/** Case 1: mean overhead per M, reference (2000 trials) and fuota-sim with ±2 standard errors. */
export function overheadFigure(cells: OverheadCell[], denseMean: number): VlSpec {
  const x = { field: 'm', type: 'ordinal', title: 'M (uncoded fragments)' };
  const y = { field: 'mean', type: 'quantitative', title: 'Mean overhead (fragments beyond M)', scale: { domain: [0, 2.6] } };
  return {
    ...frame('TS004 decoding overhead: fuota-sim against the reference decoders', 'Mean over 2000 trials (1000 for fuota-sim at M = 1024); bars ±2 standard errors; dashed: dense random code (1.607)', { width: 150, height: 220 }),
    data: { values: cells },
    facet: { column: { field: 'panel', type: 'nominal', title: null, header: { labelFontSize: 12 } } },
    spec: {
      width: 150,
      height: 220,
      layer: [
        { mark: { type: 'rule', strokeDash: [4, 4], color: GUIDE_COLOR }, encoding: { y: { datum: denseMean } } },
        { transform: [{ filter: 'isValid(datum.low)' }], mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color: { field: 'source', type: 'nominal', scale: SOURCE_SCALE, title: null } } },
        { mark: { type: 'point', filled: true, size: 60 }, encoding: { x, y, color: { field: 'source', type: 'nominal', scale: SOURCE_SCALE, title: null }, shape: { field: 'source', type: 'nominal', title: null } } },
      ],
    },
    resolve: { scale: { y: 'shared' } },
  };
}

export interface CurvePoint {
  series: string;
  k: number;
  value: number;
}

const TAIL_SERIES = ['v1 rows', 'v2 rows', 'dense random code'];
const CODED_SERIES = ['v1 rows, M = 100', 'v2 rows, M = 102', 'v2 rows, M = 100', 'dense random code'];

/** Case 1: P(overhead > k) for v1 and v2 rows at M = 100, 5 % loss, with the dense-code tail. */
export function tailFigure(points: CurvePoint[]): VlSpec {
  return {
    ...frame('The heavier v1 tail with few losses (M = 100, 5 % loss)', '4000 trials per variant; dashed: dense random binary code, 1 − ∏(1 − 2^−i, i > k)'),
    data: { values: points.filter((p) => p.value >= 1e-4) },
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding: {
      x: { field: 'k', type: 'quantitative', title: 'k (extra fragments)' },
      y: { field: 'value', type: 'quantitative', title: 'P(overhead > k)', scale: { type: 'log', domain: [1e-4, 1] }, axis: { format: '~%' } },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: TAIL_SERIES, range: [PALETTE[1], PALETTE[0], GUIDE_COLOR] } },
      strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: TAIL_SERIES, range: [[1, 0], [1, 0], [4, 4]] } },
    },
  };
}

/** Case 1: P(decoded with at most M + k coded fragments), coded-only reception. */
export function codedOnlyFigure(points: CurvePoint[]): VlSpec {
  return {
    ...frame('Coded-only reception: every uncoded fragment lost', '2000 trials per curve; dashed: dense random binary code ∏(1 − 2^−i, i > k); v2 rows with an even weight (M = 100) never decode'),
    data: { values: points },
    mark: { type: 'line', point: true, strokeWidth: 2, interpolate: 'step-after' },
    encoding: {
      x: { field: 'k', type: 'quantitative', title: 'k: coded fragments received − M' },
      y: { field: 'value', type: 'quantitative', title: 'P(decoded)', axis: { format: '~%' } },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: CODED_SERIES, range: [PALETTE[1], PALETTE[0], PALETTE[4], GUIDE_COLOR] } },
      strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: CODED_SERIES, range: [[1, 0], [1, 0], [1, 0], [4, 4]] } },
    },
  };
}

export interface SentPoint {
  series: string;
  hours: number;
  sent: number;
  kind: 'fuota-sim' | 'closed form';
}

/** Case 2: fragments sent against time at DR0, both duty-cycle models, run and closed form. */
export function sessionFigure(points: SentPoint[]): VlSpec {
  const x = { field: 'hours', type: 'quantitative', title: 'Time since the first fragment (h)', scale: { nice: false } };
  const y = { field: 'sent', type: 'quantitative', title: 'Fragments sent' };
  const color = { field: 'series', type: 'nominal', title: null, scale: { range: [PALETTE[0], PALETTE[1]] } };
  return {
    ...frame('Class C session at DR0 (48 KiB, 1129 fragments of 48 B, 2.793 s each) on the 10 % sub-band', 'Lines: fuota-sim; points: closed form (every 64th fragment)'),
    data: { values: points },
    layer: [
      { transform: [{ filter: "datum.kind === 'fuota-sim'" }], mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 }, encoding: { x, y, color } },
      { transform: [{ filter: "datum.kind === 'closed form'" }], mark: { type: 'point', size: 36, strokeWidth: 1.5 }, encoding: { x, y, color } },
    ],
  };
}

export interface ClassBBar {
  periodicity: number;
  model: string;
  seconds: number;
}

/** Case 4: distribution time of 42 fragments per periodicity and duty-cycle model (log scale). */
export function classBFigure(bars: ClassBBar[], beaconPeriodS: number): VlSpec {
  const x = { field: 'periodicity', type: 'ordinal', title: 'Periodicity p (ping period 2^(5+p) slots)' };
  const y = { field: 'seconds', type: 'quantitative', title: 'Distribution time (s)', scale: { type: 'log', domain: [10, 10000] } };
  const color = { field: 'model', type: 'nominal', title: 'Duty cycle', scale: { domain: ['sliding-window', 'off-time'], range: [PALETTE[0], PALETTE[1]] } };
  return {
    ...frame('Class B: 42 fragments at DR3 in ping slots', 'One fragment per ping slot, 4096 / P slots per 128 s beacon period (dashed: one beacon period)'),
    data: { values: bars },
    layer: [
      { mark: { type: 'rule', strokeDash: [4, 4], color: GUIDE_COLOR }, encoding: { y: { datum: beaconPeriodS } } },
      { mark: { type: 'point', filled: true, size: 110 }, encoding: { x, xOffset: { field: 'model' }, y, color } },
      { mark: { type: 'text', dx: 0, dy: -12, fontSize: 10 }, encoding: { x, xOffset: { field: 'model' }, y, color, text: { field: 'seconds', type: 'quantitative', format: ',.0f' } } },
    ],
  };
}

/** Series of the setup figure: the run, then first principles with the measured and the ideal downlink count. */
export const SETUP_SERIES = ['fuota-sim', 'model, D measured', 'model, D = 7'];

export interface ScalingPoint {
  devices: number;
  hours: number;
  series: string;
}

/** Case 6: setup duration against fleet size, run and first-principles lines. */
export function setupFigure(points: ScalingPoint[]): VlSpec {
  const x = { field: 'devices', type: 'quantitative', title: 'Devices set up through one gateway' };
  const y = { field: 'hours', type: 'quantitative', title: 'setupDurationS (h)' };
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: SETUP_SERIES, range: [PALETTE[0], LIMIT_COLOR, GUIDE_COLOR] } };
  return {
    ...frame('Class A setup through one EU868 gateway', 'Lines: N × D / (0.01 / a_RX1 + 0.1 / a_RX2), D = downlinks per device (7 without retries), a = mean airtime in RX1 (1 %) and RX2 (10 %)'),
    data: { values: points },
    layer: [
      { transform: [{ filter: "datum.series !== 'fuota-sim'" }], mark: { type: 'line', strokeDash: [5, 4] }, encoding: { x, y, color } },
      { transform: [{ filter: "datum.series === 'fuota-sim'" }], mark: { type: 'line', point: { size: 60, filled: true } }, encoding: { x, y, color } },
    ],
  };
}

export interface MapPoint {
  xM: number;
  yM: number;
  what: string;
}

export const MAP_KINDS = ['gateway', 'updated', 'lost every fragment'];

/** Case 7: the fleet between the two gateways, by outcome without a stagger. */
export function twoGatewayMap(points: MapPoint[]): VlSpec {
  return fleetMap(points, 'Two gateways, same fragment at the same time', 'Devices whose two signals are within 6 dB lose every fragment (without a stagger)', { width: 420, height: 260 });
}

/** Case 23: the fleet among three gateways sending in lockstep, by outcome with copies judged alone. */
export function lockstepMap(points: MapPoint[]): VlSpec {
  return fleetMap(points, 'Three gateways in lockstep, copies judged alone (combineCopies false)', 'Devices where no copy is 6 dB above the sum of the others lose every fragment; with combining all 100 update', { width: 420, height: 380 });
}

/** The fleet and its gateways, devices by outcome. */
function fleetMap(points: MapPoint[], title: string, subtitle: string, size: { width: number; height: number }): VlSpec {
  return {
    ...frame(title, subtitle, size),
    data: { values: points },
    mark: { type: 'point', filled: true, size: 70 },
    encoding: {
      x: { field: 'xM', type: 'quantitative', title: 'x (m)' },
      y: { field: 'yM', type: 'quantitative', title: 'y (m)' },
      color: { field: 'what', type: 'nominal', title: null, scale: { domain: MAP_KINDS, range: ['#1F2328', PALETTE[2], PALETTE[4]] } },
      shape: { field: 'what', type: 'nominal', title: null, scale: { domain: MAP_KINDS, range: ['triangle-up', 'circle', 'circle'] } },
    },
  };
}
