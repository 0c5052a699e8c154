/**
 * The look shared by every plot: sizes, fonts, a colour-blind-safe palette (Okabe & Ito, without
 * its yellow, which is unreadable on white), fixed colours for device statuses and classes, and the
 * choice of a readable time unit.
 */
import { DEVICE_STATUSES } from '../../sim/types.js';
import { roundNumber } from '../format.js';

/** A vega-lite specification as plain JSON. */
export type VlSpec = Record<string, unknown>;

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const PLOT_WIDTH = 640;
export const PLOT_HEIGHT = 300;

/** Okabe–Ito colours: blue, orange, bluish green, reddish purple, vermillion, sky blue, grey. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#7F7F7F'];
export const LIMIT_COLOR = '#C0392B';
export const GUIDE_COLOR = '#8A8F98';

/** Colours of the AWS FuotaDeviceStatus values: green for success, amber for missing fragments, reds for errors. */
const STATUS_COLOR: Record<(typeof DEVICE_STATUSES)[number], string> = {
  Initial: '#B0B4BA',
  Package_Not_Supported: '#8E5B9F',
  FragAlgo_unsupported: '#A16AB3',
  Not_enough_memory: '#B07AA1',
  FragIndex_unsupported: '#C58BC0',
  Wrong_descriptor: '#9C755F',
  SessionCnt_replay: '#7F5539',
  MissingFrag: '#E69F00',
  MemoryError: '#E15759',
  MICError: '#D55E00',
  Successful: '#009E73',
};

export const STATUS_SCALE = statusScale(DEVICE_STATUSES);

/** A colour scale for the given statuses only (legends list what occurs), in the contract's order. */
export function statusScale(present: Iterable<string>): { domain: string[]; range: string[] } {
  const set = new Set(present);
  const domain = DEVICE_STATUSES.filter((s) => set.has(s));
  return { domain, range: domain.map((s) => STATUS_COLOR[s]) };
}

/** Class colours, the same in every plot that splits by class. */
export const CLASS_SCALE = { domain: ['ClassB', 'ClassC'], range: ['#CC79A7', '#0072B2'] };

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** vega-lite `config` for every plot. */
export const PLOT_CONFIG = {
  font: FONT,
  background: 'white',
  padding: 12,
  view: { stroke: null },
  title: { fontSize: 16, fontWeight: 600, anchor: 'start', color: '#1F2328', subtitleFontSize: 12, subtitleColor: '#57606A', offset: 12 },
  axis: {
    labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, titleColor: '#1F2328', labelColor: '#444C56',
    gridColor: '#E6E8EB', domainColor: '#8A8F98', tickColor: '#8A8F98', titlePadding: 8,
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, orient: 'right', symbolStrokeWidth: 2, titleLimit: 240, labelLimit: 220 },
  range: { category: PALETTE },
  line: { strokeWidth: 2 },
};

/** The frame of a plot: schema, title with subtitle, size and theme. */
export function frame(title: string, subtitle: string | string[] | undefined, size?: { width?: number; height?: number }): VlSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle ? { text: title, subtitle } : title,
    width: size?.width ?? PLOT_WIDTH,
    height: size?.height ?? PLOT_HEIGHT,
    config: PLOT_CONFIG,
  };
}

export interface TimeUnit {
  /** short unit name for axis titles: s, min or h */
  unit: 's' | 'min' | 'h';
  /** seconds per unit */
  seconds: number;
}

/** A readable unit for a time span: seconds up to 2 min, minutes up to 2 h, hours beyond. */
export function timeUnitFor(maxS: number): TimeUnit {
  if (maxS <= 120) return { unit: 's', seconds: 1 };
  if (maxS <= 7200) return { unit: 'min', seconds: 60 };
  return { unit: 'h', seconds: 3600 };
}

/** `s` seconds in `unit`, rounded like every stored number. */
export function inUnit(s: number, unit: TimeUnit): number {
  return roundNumber(s / unit.seconds) ?? 0;
}

/** Most invisible hover targets a line carries for its tooltips (keeps SVG files small). */
export const MAX_TOOLTIP_POINTS = 150;

/** Whether point `i` of `n` carries a tooltip: evenly spaced, the last one always. */
export function isTooltipPoint(i: number, n: number): boolean {
  const stride = Math.max(1, Math.ceil(n / MAX_TOOLTIP_POINTS));
  return i % stride === 0 || i === n - 1;
}

/** An invisible point layer that shows `tooltip` for the rows flagged `tip` (see isTooltipPoint). */
export function tooltipLayer(x: VlSpec, yField: string, tooltip: VlSpec[]): VlSpec {
  return {
    transform: [{ filter: 'datum.tip' }],
    mark: { type: 'point', opacity: 0, size: 80, filled: true, aria: false },
    encoding: { x, y: { field: yField, type: 'quantitative' }, tooltip },
  };
}

/** A nominal colour encoding for series: optional fixed colours, a legend only when there are several. */
export function seriesColor(field: string, title: string, count: number, colorScale?: { domain: string[]; range: string[] }): VlSpec {
  return { field, type: 'nominal', title, ...(colorScale ? { scale: colorScale } : {}), legend: count > 1 ? {} : null };
}
