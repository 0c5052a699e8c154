/**
 * Energy per device over the campaign: a histogram (one group) or empirical CDFs (several groups,
 * e.g. one per class), with the mean of each group as a dashed rule. Values are pre-binned so the
 * spec stays small for 100 000 devices.
 */
import { roundNumber } from '../format.js';
import { ecdfPoints, histogram } from './bins.js';
import { frame, seriesColor, type VlSpec } from './theme.js';

export interface EnergyGroup {
  label: string;
  energyJ: ArrayLike<number>;
}

export interface EnergyPlotOptions {
  kind?: 'histogram' | 'ecdf';
  title?: string;
  subtitle?: string;
  groupTitle?: string;
  colorScale?: { domain: string[]; range: string[] };
}

function finiteMean(values: ArrayLike<number>): number | null {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      sum += values[i];
      n++;
    }
  }
  return n > 0 ? sum / n : null;
}

export function energyPerDevice(groups: EnergyGroup[], opts: EnergyPlotOptions = {}): VlSpec {
  const kind = opts.kind ?? (groups.length > 1 ? 'ecdf' : 'histogram');
  let max = 0;
  for (const g of groups) for (let i = 0; i < g.energyJ.length; i++) if (g.energyJ[i] > max) max = g.energyJ[i];
  const milli = max < 1;
  const unit = milli ? 'mJ' : 'J';
  const scale = (j: number): number => roundNumber(milli ? j * 1000 : j) ?? 0;
  const color = seriesColor('group', opts.groupTitle ?? 'Group', groups.length, opts.colorScale);
  const means = groups.flatMap((g) => {
    const m = finiteMean(g.energyJ);
    return m === null ? [] : [{ group: g.label, mean: scale(m), label: `mean ${scale(m).toPrecision(3)} ${unit}` }];
  });
  const meanLayer = {
    data: { values: means },
    layer: [
      { mark: { type: 'rule', strokeDash: [5, 4], strokeWidth: 1.5 }, encoding: { x: { field: 'mean', type: 'quantitative' }, color } },
      {
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, fontSize: 10 },
        encoding: { x: { field: 'mean', type: 'quantitative' }, y: { value: 2 }, text: { field: 'label' }, color },
      },
    ],
  };
  const xTitle = `Energy per device (${unit})`;
  const title = opts.title ?? 'Energy per device';
  const subtitle = opts.subtitle ?? 'Radio energy each device spent over the campaign (sleep, standby, RX and TX)';
  if (kind === 'histogram') {
    const values = groups.flatMap((g) =>
      histogram(g.energyJ).map((b) => ({ group: g.label, start: scale(b.start), end: scale(b.end), count: b.count })),
    );
    return {
      ...frame(title, subtitle),
      layer: [
        {
          data: { values },
          mark: { type: 'bar', opacity: groups.length > 1 ? 0.6 : 0.9, binSpacing: 1, cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2 },
          encoding: {
            x: { field: 'start', type: 'quantitative', bin: { binned: true }, title: xTitle, scale: { zero: false } },
            x2: { field: 'end' },
            y: { field: 'count', type: 'quantitative', title: 'Devices', stack: null },
            color,
            tooltip: [
              { field: 'group', type: 'nominal', title: opts.groupTitle ?? 'Group' },
              { field: 'start', type: 'quantitative', title: `From (${unit})`, format: ',.4~g' },
              { field: 'end', type: 'quantitative', title: `To (${unit})`, format: ',.4~g' },
              { field: 'count', type: 'quantitative', title: 'Devices', format: ',d' },
            ],
          },
        },
        meanLayer,
      ],
    };
  }
  const values = groups.flatMap((g) => ecdfPoints(g.energyJ).map((p) => ({ group: g.label, energy: scale(p.value), share: roundNumber(p.share) })));
  return {
    ...frame(title, subtitle),
    layer: [
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.25 },
        encoding: {
          x: { field: 'energy', type: 'quantitative', title: xTitle, scale: { zero: false } },
          y: { field: 'share', type: 'quantitative', title: 'Share of devices at or below', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          color,
          tooltip: [
            { field: 'group', type: 'nominal', title: opts.groupTitle ?? 'Group' },
            { field: 'energy', type: 'quantitative', title: `Energy (${unit})`, format: ',.4~g' },
            { field: 'share', type: 'quantitative', title: 'At or below', format: '.1%' },
          ],
        },
      },
      meanLayer,
    ],
  };
}
