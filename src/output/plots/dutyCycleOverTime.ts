/**
 * Gateway duty-cycle use over time: the share of airtime each gateway used over the trailing hour
 * (ETSI EN 300 220's one-hour observation period; lorawan-facts §2.5), one panel per sub-band
 * named by its frequencies and limit (each with its own scale and its limit as a dashed rule), one
 * line per gateway in it, told apart by colour and dash.
 */
import { roundNumber } from '../format.js';
import { durationAxis, frame, isTooltipPoint, LIMIT_COLOR, PLOT_HEIGHT, PLOT_WIDTH, SERIES_DASHES, sortLabels, tooltipLayer, type VlSpec } from './theme.js';

export interface DutyCycleInput {
  binS: number;
  series: Array<{ gateway: number; subBand: string; limit: number | null; airtimeS: ArrayLike<number> }>;
  /** a sub-band's title, e.g. "869.4–869.65 MHz (10 %)" (default: its name) */
  subBandTitle?: (subBand: string) => string;
}

const HOUR_S = 3600;

/**
 * Airtime share over the trailing hour at the end of each bin: the airtime of the last
 * round(3600 / binS) bins (at least one) divided by their total length.
 */
export function trailingHourShare(airtimeS: ArrayLike<number>, binS: number): number[] {
  const window = Math.max(1, Math.round(HOUR_S / binS));
  const out = new Array<number>(airtimeS.length);
  let sum = 0;
  for (let i = 0; i < airtimeS.length; i++) {
    sum += airtimeS[i];
    if (i >= window) sum -= airtimeS[i - window];
    out[i] = sum / (window * binS);
  }
  return out;
}

/** One panel: the gateways' lines of one sub-band, its limit, a y axis from 0 to at least the limit. */
function panel(dc: DutyCycleInput, subBand: string, gateways: string[], height: number): VlSpec {
  const series = dc.series.filter((s) => s.subBand === subBand);
  const bins = Math.max(0, ...dc.series.map((s) => s.airtimeS.length));
  const axis = durationAxis(bins * dc.binS, 'Time since simulation start');
  const limit = series.find((s) => s.limit !== null)?.limit ?? null;
  let maxShare = 0;
  const values = series.flatMap((s) => {
    const share = trailingHourShare(s.airtimeS, dc.binS);
    const gateway = `gw-${s.gateway}`;
    const rows = [{ gateway, t: 0, share: 0, airtimeS: 0, tip: false }];
    for (let i = 0; i < share.length; i++) {
      maxShare = Math.max(maxShare, share[i]);
      rows.push({ gateway, t: axis.value((i + 1) * dc.binS), share: roundNumber(share[i]) ?? 0, airtimeS: roundNumber(s.airtimeS[i]) ?? 0, tip: isTooltipPoint(i, share.length) });
    }
    return rows;
  });
  const top = roundNumber(Math.max(limit ?? 0, maxShare) * 1.1) || 0.01;
  const x = { field: 't', type: 'quantitative', title: axis.title, scale: { domain: [0, axis.value(bins * dc.binS)], nice: false } };
  const legend = gateways.length > 1 ? {} : null;
  const title = dc.subBandTitle?.(subBand) ?? subBand;
  const layers: VlSpec[] = [
    {
      mark: { type: 'line', interpolate: 'linear', strokeWidth: 2 },
      encoding: {
        x,
        y: { field: 'share', type: 'quantitative', title: 'Airtime share, trailing hour', axis: { format: '.2~%' }, scale: { domain: [0, top], nice: false } },
        color: { field: 'gateway', type: 'nominal', title: 'Gateway', scale: { domain: gateways }, legend },
        strokeDash: { field: 'gateway', type: 'nominal', title: 'Gateway', scale: { domain: gateways, range: SERIES_DASHES }, legend },
      },
    },
    tooltipLayer(x, 'share', [
      { field: 'gateway', type: 'nominal', title: 'Gateway' },
      { field: 't', type: 'quantitative', title: `Time (${axis.unit})`, format: ',.2f' },
      { field: 'share', type: 'quantitative', title: 'Trailing-hour share', format: '.3~%' },
      { field: 'airtimeS', type: 'quantitative', title: `Airtime in this ${dc.binS} s bin (s)`, format: ',.3f' },
    ]),
  ];
  if (limit !== null) {
    layers.push({
      data: { values: [{ limit, label: `limit ${roundNumber(limit * 100)} %` }] },
      layer: [
        { mark: { type: 'rule', color: LIMIT_COLOR, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { field: 'limit', type: 'quantitative' } } },
        {
          mark: { type: 'text', align: 'right', dy: -6, color: LIMIT_COLOR, fontSize: 10 },
          encoding: { y: { field: 'limit', type: 'quantitative' }, x: { value: 'width' }, text: { field: 'label' } },
        },
      ],
    });
  }
  return { title: { text: `Sub-band ${title}`, fontSize: 13, anchor: 'start', offset: 4 }, width: PLOT_WIDTH, height, data: { values }, layer: layers };
}

export function dutyCycleOverTime(dc: DutyCycleInput, opts: { title?: string; subtitle?: string } = {}): VlSpec {
  const subBands = [...new Set(dc.series.map((s) => s.subBand))].sort((a, b) => {
    const la = dc.series.find((s) => s.subBand === a)?.limit ?? 1;
    const lb = dc.series.find((s) => s.subBand === b)?.limit ?? 1;
    return lb - la || (a < b ? -1 : 1); // the band with the highest limit (the downlink band) first
  });
  const gateways = sortLabels(dc.series.map((s) => `gw-${s.gateway}`).map((g) => g.slice(3))).map((g) => `gw-${g}`);
  const height = subBands.length > 1 ? Math.max(140, Math.round(PLOT_HEIGHT / subBands.length) + 40) : PLOT_HEIGHT;
  const base = frame(
    opts.title ?? 'Gateway duty-cycle use',
    opts.subtitle ?? `Airtime share of each gateway over the trailing hour, one panel per sub-band (bins of ${dc.binS} s)`,
  );
  delete base.width;
  delete base.height;
  return {
    ...base,
    vconcat: subBands.map((sb) => panel(dc, sb, gateways, height)),
    spacing: 22,
    resolve: { scale: { color: 'shared', strokeDash: 'shared', y: 'independent', x: 'shared' } },
  };
}
