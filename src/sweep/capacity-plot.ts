/**
 * The capacity-plan plot, in two panels. Upper: every setting that updated 95 % of the devices, as
 * time to 95 % against mean energy per device; settings with identical outcomes are one mark
 * labelled with their number (so the recommended one is never hidden under its twins); the Pareto
 * front filled and joined by a dashed line, the others hollow; class B squares, class C circles;
 * the deadline and the energy budget as dashed red rules; the recommendation ringed and named.
 * Lower: the settings that never updated 95 %, as the share they did reach against their energy,
 * beside the 95 % target: why they are absent from the front.
 */
import { roundNumber } from '../output/format.js';
import { CLASS_SCALE, CLASS_STYLE, type VlSpec } from '../output/plots/index.js';
import { durationAxis, frame, GUIDE_COLOR, LIMIT_COLOR, PLOT_WIDTH } from '../output/plots/theme.js';
import { groupOutcomes, reachedShare, settingText, type OutcomeGroup, type PlanCandidate, type PlanConstraints } from './pareto.js';

const classColor = { field: 'dlClass', type: 'nominal', title: 'Class', scale: CLASS_SCALE };
const classShape = { field: 'dlClass', type: 'nominal', title: 'Class', scale: { domain: CLASS_STYLE.domain, range: CLASS_STYLE.shape } };

/** The settings of a group for a tooltip: `DR6, 10 % redundancy, 239-byte fragments; DR6, 25 % …`. */
function groupSettings(g: OutcomeGroup): string {
  return g.members.map(settingText).join('; ');
}

function countLabel(g: OutcomeGroup): string {
  return g.members.length > 1 ? `×${g.members.length}` : '';
}

/** The upper panel: settings that reached 95 %. */
function frontPanel(groups: OutcomeGroup[], front: readonly PlanCandidate[], choice: PlanCandidate | null, k: PlanConstraints): VlSpec {
  const reaching = groups.filter((g) => g.lead.timeTo95S !== null && g.lead.energyMeanJ !== null);
  const axis = durationAxis(Math.max(1, k.deadlineS ?? 0, ...reaching.map((g) => g.lead.timeTo95S as number)), 'Time to 95 % updated');
  const onFront = new Set(front.map((c) => c.point));
  const values = reaching.map((g) => ({
    t: axis.value(g.lead.timeTo95S as number),
    energyJ: roundNumber(g.lead.energyMeanJ),
    dlClass: g.lead.dlClass,
    settings: groupSettings(g),
    count: g.members.length,
    countLabel: countLabel(g),
    front: g.members.some((m) => onFront.has(m.point)),
    chosen: choice !== null && g.members.some((m) => m.point === choice.point),
    chosenLabel: choice !== null && g.members.some((m) => m.point === choice.point)
      ? `recommended: ${choice.dlClass} DR${choice.dlDr}, ${choice.redundancyPercent} %, ${choice.fragmentSizeBytes} B`
      : '',
  }));
  const x = { field: 't', type: 'quantitative', title: axis.title, scale: { zero: true, nice: true } };
  const y = { field: 'energyJ', type: 'quantitative', title: 'Mean energy per device (J)', scale: { zero: true, nice: true } };
  const tooltip = [
    { field: 'dlClass', type: 'nominal', title: 'Class' },
    { field: 'settings', type: 'nominal', title: 'Settings' },
    { field: 't', type: 'quantitative', title: `Time to 95 % (${axis.unit})`, format: ',.3~f' },
    { field: 'energyJ', type: 'quantitative', title: 'Energy (J)', format: ',.4~g' },
  ];
  const layers: VlSpec[] = [
    {
      transform: [{ filter: 'datum.front' }],
      mark: { type: 'line', color: GUIDE_COLOR, strokeDash: [6, 3], strokeWidth: 1.5, interpolate: 'linear' },
      encoding: { x, y, order: { field: 't', type: 'quantitative' } },
    },
    { transform: [{ filter: '!datum.front' }], mark: { type: 'point', filled: false, size: 80, strokeWidth: 1.8, opacity: 0.9 }, encoding: { x, y, color: classColor, shape: classShape, tooltip } },
    { transform: [{ filter: 'datum.front' }], mark: { type: 'point', filled: true, size: 110, opacity: 1 }, encoding: { x, y, color: classColor, shape: classShape, tooltip } },
    { mark: { type: 'text', align: 'left', dx: 9, dy: -8, fontSize: 10, color: '#444C56' }, encoding: { x, y, text: { field: 'countLabel' } } },
    { transform: [{ filter: 'datum.chosen' }], mark: { type: 'point', size: 420, strokeWidth: 2.5, color: '#1F2328', filled: false }, encoding: { x, y } },
    {
      transform: [{ filter: 'datum.chosen' }],
      mark: { type: 'text', align: 'left', dx: 14, dy: 14, fontSize: 11, fontWeight: 600, color: '#1F2328' },
      encoding: { x, y, text: { field: 'chosenLabel' } },
    },
  ];
  if (k.deadlineS !== undefined) {
    layers.push({
      data: { values: [{ t: axis.value(k.deadlineS), label: 'deadline' }] },
      layer: [
        { mark: { type: 'rule', color: LIMIT_COLOR, strokeDash: [4, 4] }, encoding: { x: { field: 't', type: 'quantitative' } } },
        { mark: { type: 'text', color: LIMIT_COLOR, fontSize: 10, align: 'right', angle: 270, dx: -4, dy: -5, baseline: 'bottom' }, encoding: { x: { field: 't', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
      ],
    });
  }
  if (k.energyBudgetJ !== undefined) {
    layers.push({
      data: { values: [{ energyJ: roundNumber(k.energyBudgetJ), label: 'energy budget' }] },
      layer: [
        { mark: { type: 'rule', color: LIMIT_COLOR, strokeDash: [4, 4] }, encoding: { y: { field: 'energyJ', type: 'quantitative' } } },
        { mark: { type: 'text', color: LIMIT_COLOR, fontSize: 10, align: 'right', dy: -5 }, encoding: { x: { value: 'width' }, y: { field: 'energyJ', type: 'quantitative' }, text: { field: 'label' } } },
      ],
    });
  }
  return { width: PLOT_WIDTH, height: 300, data: { values }, layer: layers };
}

/** The lower panel: settings that never reached 95 %, by the share they reached. */
function neverPanel(groups: OutcomeGroup[]): VlSpec {
  const values = groups.map((g) => ({
    share: roundNumber(reachedShare(g.lead) ?? 0),
    energyJ: roundNumber(g.lead.energyMeanJ),
    dlClass: g.lead.dlClass,
    settings: groupSettings(g),
    countLabel: countLabel(g),
  }));
  const ticks = Array.from({ length: 11 }, (_, i) => i / 10);
  // a little room at both ends, so that marks at 0 % and 100 % are drawn whole
  const x = { field: 'share', type: 'quantitative', title: 'Devices updated', axis: { format: '.0%', values: ticks }, scale: { domain: [-0.03, 1.03], nice: false } };
  // energies of settings that fail span decades (DR0 against DR6): a log axis with a label per decade
  const energies = values.map((v) => v.energyJ).filter((e): e is number => e !== null && e > 0);
  const lo = Math.floor(Math.log10(Math.min(...energies, 1)));
  const hi = Math.ceil(Math.log10(Math.max(...energies, 10)));
  const decades = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
  const y = { field: 'energyJ', type: 'quantitative', title: 'Mean energy per device (J)', scale: { type: 'log', domain: [decades[0], decades.at(-1)] }, axis: { values: decades, format: ',' } };
  return {
    title: { text: 'Settings that never updated 95 % of the devices', fontSize: 13, anchor: 'start', offset: 4 },
    width: PLOT_WIDTH,
    height: 160,
    data: { values },
    layer: [
      {
        data: { values: [{ share: 0.95, label: '95 % target' }] },
        layer: [
          { mark: { type: 'rule', color: LIMIT_COLOR, strokeDash: [4, 4] }, encoding: { x: { field: 'share', type: 'quantitative' } } },
          { mark: { type: 'text', color: LIMIT_COLOR, fontSize: 10, align: 'right', dx: -4, baseline: 'top' }, encoding: { x: { field: 'share', type: 'quantitative' }, y: { value: 2 }, text: { field: 'label' } } },
        ],
      },
      {
        mark: { type: 'point', filled: false, size: 80, strokeWidth: 1.8 },
        encoding: {
          x, y, color: classColor, shape: classShape,
          tooltip: [
            { field: 'dlClass', type: 'nominal', title: 'Class' },
            { field: 'settings', type: 'nominal', title: 'Settings' },
            { field: 'share', type: 'quantitative', title: 'Devices updated', format: '.1%' },
            { field: 'energyJ', type: 'quantitative', title: 'Energy (J)', format: ',.4~g' },
          ],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 9, dy: -8, fontSize: 10, color: '#444C56' }, encoding: { x, y, text: { field: 'countLabel' } } },
    ],
  };
}

export function capacityPlot(
  candidates: readonly PlanCandidate[],
  front: readonly PlanCandidate[],
  choice: PlanCandidate | null,
  k: PlanConstraints,
  title: string,
): VlSpec {
  const groups = groupOutcomes(candidates, front, choice);
  const reaching = groups.filter((g) => g.lead.timeTo95S !== null && g.lead.energyMeanJ !== null);
  const never = groups.filter((g) => g.lead.timeTo95S === null && g.lead.energyMeanJ !== null);
  const subtitle = [
    'Each mark is a setting (class, data rate, redundancy, fragment size); ×n: n settings with the same outcome.',
    'Filled marks joined by the dashed line form the Pareto front; the ring marks the recommendation.',
  ];
  const panels: VlSpec[] = [];
  if (reaching.length > 0 || never.length === 0) panels.push({ title: { text: 'Settings that updated 95 % of the devices', fontSize: 13, anchor: 'start', offset: 4 }, ...frontPanel(groups, front, choice, k) });
  if (never.length > 0) panels.push(neverPanel(never));
  const base = frame(title, subtitle);
  delete base.width;
  delete base.height;
  return { ...base, vconcat: panels, spacing: 26, resolve: { scale: { color: 'shared', shape: 'shared' } } };
}
