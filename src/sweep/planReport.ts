/**
 * What a capacity plan says, in words and as a page: the recommendation (or which constraint rules
 * every setting out), the Pareto front as a table with identical outcomes folded together, why
 * classes and settings are absent from the front, and report.html in the plan folder (headline
 * numbers, the plan plot, those tables and every setting), self-contained like the run report.
 */
import { humanBytes, humanCount, humanDuration, humanEnergy, humanPercent } from '../output/report/human.js';
import { detailsHtml, escapeHtml, headlineHtml, reportPage, tableHtml } from '../output/report/page.js';
import type { PlotEntry } from '../output/plots/index.js';
import { textTable } from '../output/textTable.js';
import type { ResolvedScenario } from '../scenario/types.js';
import type { CapacityPlan } from './capacity.js';
import { absenceReasons, groupOutcomes, reachedShare, settingText, type OutcomeGroup, type PlanCandidate } from './pareto.js';

/** `ClassC DR6, 10 % redundancy, 239-byte fragments` */
export function setting(c: PlanCandidate): string {
  return `${c.dlClass} ${settingText(c)}`;
}

/** The recommendation, or why there is none, in one or two sentences. */
export function recommendationText(plan: Pick<CapacityPlan, 'recommendation'>, deadlineS?: number, energyBudgetJ?: number): string {
  const { choice, binding, fastestWithinBudget: fast, cheapestWithinDeadline: cheap } = plan.recommendation;
  const limits = [deadlineS === undefined ? '' : `deadline ${humanDuration(deadlineS)}`, energyBudgetJ === undefined ? '' : `energy budget ${humanEnergy(energyBudgetJ)} per device`]
    .filter((s) => s !== '').join(', ');
  if (choice) {
    return `Recommended: ${setting(choice)}: 95 % updated after ${humanDuration(choice.timeTo95S)}, ` +
      `${humanEnergy(choice.energyMeanJ)} per device on average${limits ? ` (${limits})` : ''}; the least energy of the settings that qualify.`;
  }
  switch (binding) {
    case 'never-95':
      return 'No setting brings 95 % of the fleet up to date: check coverage (gateways, data rate) and the session timeout.';
    case 'deadline':
      return `No setting meets the deadline of ${humanDuration(deadlineS)}: the deadline binds. ` +
        `The fastest setting within the energy budget, ${setting(fast as PlanCandidate)}, needs ${humanDuration(fast?.timeTo95S)}.`;
    case 'energy-budget':
      return `No setting stays within ${humanEnergy(energyBudgetJ)} per device: the energy budget binds. ` +
        `The cheapest setting that meets the deadline, ${setting(cheap as PlanCandidate)}, uses ${humanEnergy(cheap?.energyMeanJ)}.`;
    default:
      return `No setting meets both the deadline and the energy budget (${limits}): both bind. ` +
        (fast ? `The fastest setting within budget needs ${humanDuration(fast.timeTo95S)}; ` : 'No setting that updates 95 % stays within the budget, ') +
        (cheap ? `the cheapest that meets the deadline uses ${humanEnergy(cheap.energyMeanJ)}.` : 'and none meets the deadline.');
  }
}

/** The redundancies (or other settings) that fold into one outcome, said once: `10, 25 and 50 % redundancy give the same outcome`. */
function sameOutcomeNote(g: OutcomeGroup): string | null {
  if (g.members.length < 2) return null;
  const list = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : xs[0]);
  const vary = (f: (c: PlanCandidate) => string) => new Set(g.members.map(f)).size > 1;
  if (!vary((c) => `${c.dlDr}/${c.fragmentSizeBytes}`)) {
    return `${g.lead.dlClass} DR${g.lead.dlDr}, ${g.lead.fragmentSizeBytes}-byte fragments: ${list(g.members.map((c) => String(c.redundancyPercent)))} % redundancy give the same outcome`;
  }
  return `${g.members.map(setting).join('; ')}: the same outcome`;
}

export interface FrontRow {
  cells: string[];
  note: string | null;
}

export const FRONT_COLUMNS = ['class', 'DR', 'redundancy', 'fragment', 'time to 95 %', 'energy/device', 'updated'];

/** The rows of the Pareto front (fastest first), each with the settings of identical outcome folded into a note. */
export function frontRows(plan: Pick<CapacityPlan, 'candidates' | 'front' | 'recommendation'>): FrontRow[] {
  const groups = groupOutcomes(plan.candidates, plan.front, plan.recommendation.choice);
  return plan.front.map((c) => {
    const g = groups.find((x) => x.members.some((m) => m.point === c.point));
    const lead = g?.lead ?? c;
    return {
      cells: [lead.dlClass, String(lead.dlDr), `${lead.redundancyPercent} %`, `${lead.fragmentSizeBytes} B`, humanDuration(lead.timeTo95S), humanEnergy(lead.energyMeanJ), humanPercent(lead.updatedRatio)],
      note: g ? sameOutcomeNote(g) : null,
    };
  });
}

/** The front as aligned text for the terminal. */
export function frontTable(plan: Pick<CapacityPlan, 'candidates' | 'front' | 'recommendation'>): string {
  const rows = frontRows(plan);
  const notes = rows.flatMap((r) => (r.note ? [`  (${r.note})`] : []));
  return [textTable(FRONT_COLUMNS, rows.map((r) => r.cells), { indent: 2 }), ...notes].join('\n');
}

function candidateState(c: PlanCandidate, plan: Pick<CapacityPlan, 'front' | 'recommendation'>): string {
  if (plan.recommendation.choice?.point === c.point) return 'recommended';
  if (plan.front.some((f) => f.point === c.point)) return 'Pareto front';
  return c.timeTo95S === null ? 'never 95 %' : 'dominated';
}

function metaLine(s: ResolvedScenario, deadlineS?: number, energyBudgetJ?: number): string {
  const gws = s.gateways.positions.length;
  return [
    s.region,
    `${humanCount(s.devices.count)} devices`,
    `${gws} gateway${gws === 1 ? '' : 's'}`,
    `image ${humanBytes(s.firmware.sizeBytes)}`,
    ...(deadlineS === undefined ? [] : [`deadline ${humanDuration(deadlineS)}`]),
    ...(energyBudgetJ === undefined ? [] : [`energy budget ${humanEnergy(energyBudgetJ)}`]),
    `${s.replications} replication${s.replications === 1 ? '' : 's'} per setting`,
  ].join(' · ');
}

export interface PlanReportInput {
  plan: CapacityPlan;
  scenario: ResolvedScenario;
  simulatorVersion: string;
  deadlineS?: number;
  energyBudgetJ?: number;
  plot: PlotEntry;
}

export function buildPlanReportHtml(input: PlanReportInput): string {
  const { plan, scenario: s } = input;
  const choice = plan.recommendation.choice;
  const headline = headlineHtml([
    choice
      ? { label: 'Recommended', value: `${choice.dlClass} DR${choice.dlDr}`, note: `${choice.redundancyPercent} % redundancy, ${choice.fragmentSizeBytes}-byte fragments` }
      : { label: 'Recommended', value: 'none', note: 'no setting meets the constraints' },
    { label: 'Time to 95 %', value: humanDuration(choice?.timeTo95S), note: choice ? 'since campaign start' : '' },
    { label: 'Energy per device', value: humanEnergy(choice?.energyMeanJ), note: choice ? 'mean' : '' },
    { label: 'Settings simulated', value: humanCount(plan.candidates.length), note: plan.skipped.length > 0 ? `${plan.skipped.length} skipped as invalid` : 'the whole grid' },
    { label: 'On the Pareto front', value: humanCount(plan.front.length), note: `${plan.candidates.filter((c) => c.timeTo95S === null).length} never reached 95 %` },
  ]);
  const reasons = absenceReasons(plan.candidates, plan.front);
  const li = (xs: string[]) => `<ul>${xs.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`;
  const rows = frontRows(plan);
  const notes = rows.flatMap((r) => (r.note ? [r.note] : []));
  const verdict =
    `<section class="plot"><h2>Recommendation</h2><p>${escapeHtml(recommendationText(plan, input.deadlineS, input.energyBudgetJ))}</p>` +
    (reasons.length > 0 ? `<h3>Not on the front, and why</h3>${li(reasons)}` : '') + '</section>';
  const frontSection =
    '<section class="plot"><h2>Pareto front</h2><p class="explain">Settings that no other setting beats on both time to 95 % and energy per device, fastest first.</p>' +
    tableHtml(FRONT_COLUMNS, rows.map((r) => r.cells)) + (notes.length > 0 ? li(notes) : '') + '</section>';
  const all = tableHtml(
    ['class', 'DR', 'redundancy', 'fragment', 'runs', 'time to 95 %', 'energy/device', 'updated', 'rebuilt', 'state'],
    plan.candidates.map((c) => [
      c.dlClass, String(c.dlDr), `${c.redundancyPercent} %`, `${c.fragmentSizeBytes} B`, String(c.n), humanDuration(c.timeTo95S),
      humanEnergy(c.energyMeanJ), humanPercent(c.updatedRatio), humanPercent(reachedShare(c)), candidateState(c, plan),
    ]),
  );
  const tail = [
    verdict,
    frontSection,
    detailsHtml(`Every setting simulated (${plan.candidates.length}; also in plan.csv)`, all),
    ...(plan.skipped.length > 0 ? [detailsHtml(`Combinations skipped as invalid (${plan.skipped.length})`, li(plan.skipped))] : []),
  ].join('\n');
  return reportPage({
    title: `Capacity plan: ${s.name}`,
    subtitle: s.description || 'Class, data rate, redundancy and fragment size for this fleet',
    metaLine: metaLine(s, input.deadlineS, input.energyBudgetJ),
    headline,
    plots: [input.plot],
    tail,
    footer: `fuota-sim ${input.simulatorVersion} · the same scenario and seeds give the same plan byte for byte.`,
  });
}
