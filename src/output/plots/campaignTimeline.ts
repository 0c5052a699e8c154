/** Campaign timeline: each phase (setup, distribution, status, repair, apply) as a bar over time. */
import { roundNumber } from '../format.js';
import { frame, inUnit, timeUnitFor, type VlSpec } from './theme.js';

export interface PhaseSpan {
  phase: string;
  /** seconds from simulation start */
  startS: number;
  endS: number;
}

export const PHASE_ORDER = ['setup', 'distribution', 'status', 'repair', 'apply'];
export const PHASE_COLORS = ['#56B4E9', '#0072B2', '#E69F00', '#D55E00', '#009E73'];

function durationLabel(s: number): string {
  if (s < 120) return `${roundNumber(Number(s.toPrecision(3)))} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(2)} h`;
}

export function campaignTimeline(phases: PhaseSpan[], opts: { title?: string; subtitle?: string } = {}): VlSpec {
  const unit = timeUnitFor(Math.max(1, ...phases.map((p) => p.endS)));
  const values = phases.map((p, i) => ({
    row: i,
    phase: p.phase,
    start: inUnit(p.startS, unit),
    end: inUnit(p.endS, unit),
    duration: durationLabel(p.endS - p.startS),
  }));
  const y = { field: 'phase', type: 'nominal', title: null, sort: PHASE_ORDER, axis: { labelFontSize: 12, ticks: false, domain: false } };
  const x = { field: 'start', type: 'quantitative', title: `Time since simulation start (${unit.unit})` };
  const tooltip = [
    { field: 'phase', type: 'nominal', title: 'Phase' },
    { field: 'start', type: 'quantitative', title: `Start (${unit.unit})`, format: ',.2f' },
    { field: 'end', type: 'quantitative', title: `End (${unit.unit})`, format: ',.2f' },
    { field: 'duration', type: 'nominal', title: 'Duration' },
  ];
  return {
    ...frame(opts.title ?? 'Campaign timeline', opts.subtitle ?? 'When each phase of the campaign ran', {
      height: Math.max(60, 34 * new Set(phases.map((p) => p.phase)).size),
    }),
    data: { values },
    layer: [
      {
        mark: { type: 'bar', cornerRadius: 3, height: { band: 0.7 } },
        encoding: {
          y, x, x2: { field: 'end' }, tooltip,
          color: { field: 'phase', type: 'nominal', scale: { domain: PHASE_ORDER, range: PHASE_COLORS }, legend: null },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 5, fontSize: 11, color: '#444C56' },
        encoding: { y, x: { field: 'end', type: 'quantitative' }, text: { field: 'duration' } },
      },
    ],
  };
}
