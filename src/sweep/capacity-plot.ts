/**
 * The capacity-plan plot: every setting that reached 95 % as a point (time to 95 % against mean
 * energy per device, coloured by class), the Pareto front as a line, the deadline and energy
 * budget as dashed rules, and the recommended setting ringed.
 */
import { roundNumber } from '../output/format.js';
import { CLASS_SCALE, type VlSpec } from '../output/plots/index.js';
import { frame, GUIDE_COLOR, inUnit, LIMIT_COLOR, timeUnitFor } from '../output/plots/theme.js';
import type { PlanCandidate, PlanConstraints } from './pareto.js';

export function capacityPlot(
  candidates: readonly PlanCandidate[],
  front: readonly PlanCandidate[],
  choice: PlanCandidate | null,
  k: PlanConstraints,
  title: string,
): VlSpec {
  const reaching = candidates.filter((c) => c.timeTo95S !== null && c.energyMeanJ !== null);
  const maxS = Math.max(1, k.deadlineS ?? 0, ...reaching.map((c) => c.timeTo95S as number));
  const unit = timeUnitFor(maxS);
  const onFront = new Set(front.map((c) => c.point));
  const values = reaching.map((c) => ({
    t: inUnit(c.timeTo95S as number, unit),
    energyJ: roundNumber(c.energyMeanJ),
    dlClass: c.dlClass,
    setting: `${c.dlClass} DR${c.dlDr}, ${c.redundancyPercent} %, ${c.fragmentSizeBytes} B`,
    front: onFront.has(c.point) ? 'Pareto front' : 'dominated',
    chosen: choice?.point === c.point,
  }));
  const x = { field: 't', type: 'quantitative', title: `Time to 95 % updated (${unit.unit})`, scale: { zero: true, nice: true } };
  const y = { field: 'energyJ', type: 'quantitative', title: 'Mean energy per device (J)', scale: { zero: true, nice: true } };
  const layers: VlSpec[] = [
    {
      transform: [{ filter: "datum.front === 'Pareto front'" }],
      mark: { type: 'line', color: GUIDE_COLOR, strokeDash: [6, 3], strokeWidth: 1.5, interpolate: 'linear' },
      encoding: { x, y, order: { field: 't', type: 'quantitative' } },
    },
    {
      mark: { type: 'point', filled: true, size: 70, opacity: 0.85 },
      encoding: {
        x,
        y,
        color: { field: 'dlClass', type: 'nominal', title: 'Class', scale: CLASS_SCALE },
        shape: { field: 'front', type: 'nominal', title: 'Setting', scale: { domain: ['Pareto front', 'dominated'], range: ['diamond', 'circle'] } },
        tooltip: [
          { field: 'setting', type: 'nominal', title: 'Setting' },
          { field: 't', type: 'quantitative', title: `Time to 95 % (${unit.unit})`, format: ',.3~f' },
          { field: 'energyJ', type: 'quantitative', title: 'Energy (J)', format: ',.4~g' },
        ],
      },
    },
    {
      transform: [{ filter: 'datum.chosen' }],
      mark: { type: 'point', size: 320, strokeWidth: 2.5, color: '#1F2328', filled: false },
      encoding: { x, y },
    },
  ];
  if (k.deadlineS !== undefined) {
    layers.push({
      data: { values: [{ t: inUnit(k.deadlineS, unit) }] },
      mark: { type: 'rule', color: LIMIT_COLOR, strokeDash: [4, 4] },
      encoding: { x: { field: 't', type: 'quantitative' } },
    });
  }
  if (k.energyBudgetJ !== undefined) {
    layers.push({
      data: { values: [{ energyJ: roundNumber(k.energyBudgetJ) }] },
      mark: { type: 'rule', color: LIMIT_COLOR, strokeDash: [4, 4] },
      encoding: { y: { field: 'energyJ', type: 'quantitative' } },
    });
  }
  const subtitle = [
    'Each point is a setting (class, data rate, redundancy, fragment size); diamonds form the Pareto front;',
    'the ring marks the recommendation; dashed red lines are the deadline and the energy budget',
  ];
  return { ...frame(title, subtitle), data: { values }, layer: layers };
}
