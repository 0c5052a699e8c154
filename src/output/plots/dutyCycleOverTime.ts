/**
 * Gateway duty-cycle use over time: for each gateway sub-band, the share of airtime used over the
 * trailing hour (ETSI EN 300 220's one-hour observation period; lorawan-facts §2.5), one line per
 * (gateway, sub-band), with each sub-band's limit as a dashed rule.
 */
import { roundNumber } from '../format.js';
import { frame, inUnit, isTooltipPoint, LIMIT_COLOR, timeUnitFor, tooltipLayer, type VlSpec } from './theme.js';

export interface DutyCycleInput {
  binS: number;
  series: Array<{ gateway: number; subBand: string; limit: number | null; airtimeS: ArrayLike<number> }>;
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

export function dutyCycleOverTime(dc: DutyCycleInput, opts: { title?: string; subtitle?: string } = {}): VlSpec {
  const bins = Math.max(0, ...dc.series.map((s) => s.airtimeS.length));
  const unit = timeUnitFor(bins * dc.binS);
  const values = dc.series.flatMap((s) => {
    const share = trailingHourShare(s.airtimeS, dc.binS);
    const label = `gw-${s.gateway} · ${s.subBand}`;
    const rows = [{ series: label, t: 0, share: 0, airtimeS: 0, tip: false }];
    for (let i = 0; i < share.length; i++) {
      const t = inUnit((i + 1) * dc.binS, unit);
      rows.push({ series: label, t, share: roundNumber(share[i]) ?? 0, airtimeS: roundNumber(s.airtimeS[i]) ?? 0, tip: isTooltipPoint(i, share.length) });
    }
    return rows;
  });
  const limits = [...new Set(dc.series.map((s) => s.limit).filter((l): l is number => l !== null))].sort((a, b) => a - b);
  const x = { field: 't', type: 'quantitative', title: `Time since simulation start (${unit.unit})` };
  const layers: VlSpec[] = [
    {
      mark: { type: 'line', interpolate: 'linear', strokeWidth: 2 },
      encoding: {
        x,
        y: { field: 'share', type: 'quantitative', title: 'Airtime share, trailing hour', axis: { format: '.2~%' }, scale: { zero: true } },
        color: { field: 'series', type: 'nominal', title: 'Gateway · sub-band' },
      },
    },
    tooltipLayer(x, 'share', [
      { field: 'series', type: 'nominal', title: 'Gateway · sub-band' },
      { field: 't', type: 'quantitative', title: `Time (${unit.unit})`, format: ',.2f' },
      { field: 'share', type: 'quantitative', title: 'Trailing-hour share', format: '.3~%' },
      { field: 'airtimeS', type: 'quantitative', title: `Airtime in this ${dc.binS} s bin (s)`, format: ',.3f' },
    ]),
  ];
  if (limits.length > 0) {
    layers.push({
      data: { values: limits.map((l) => ({ limit: l, label: `limit ${roundNumber(l * 100)} %` })) },
      layer: [
        { mark: { type: 'rule', color: LIMIT_COLOR, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { field: 'limit', type: 'quantitative' } } },
        {
          mark: { type: 'text', align: 'right', dy: -6, color: LIMIT_COLOR, fontSize: 10 },
          encoding: { y: { field: 'limit', type: 'quantitative' }, x: { value: 'width' }, text: { field: 'label' } },
        },
      ],
    });
  }
  return {
    ...frame(
      opts.title ?? 'Gateway duty-cycle use',
      opts.subtitle ?? `Airtime share of each gateway sub-band over the trailing hour (bins of ${dc.binS} s)`,
    ),
    data: { values },
    layer: layers,
  };
}
