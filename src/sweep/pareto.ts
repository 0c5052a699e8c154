/**
 * Capacity planning decisions over simulated settings: the Pareto front of time to 95 % against
 * mean energy per device (both lower is better), and the recommended setting under a deadline and
 * an energy budget.
 */

export interface PlanSetting {
  dlClass: string;
  dlDr: number;
  redundancyPercent: number;
  fragmentSizeBytes: number;
}

export interface PlanCandidate extends PlanSetting {
  point: number;
  /** replications behind the means */
  n: number;
  /** mean time to 95 % updated, s; null when some replication never reached 95 % */
  timeTo95S: number | null;
  energyMeanJ: number | null;
  updatedRatio: number | null;
}

export interface PlanConstraints {
  deadlineS?: number;
  energyBudgetJ?: number;
}

export type Binding = 'deadline' | 'energy-budget' | 'both' | 'never-95';

export interface Recommendation {
  /** the cheapest (least mean energy) setting that meets every constraint; ties → the faster */
  choice: PlanCandidate | null;
  /** why there is no choice; null when there is one */
  binding: Binding | null;
  /** the fastest setting within the energy budget (null when none reaches 95 % within it) */
  fastestWithinBudget: PlanCandidate | null;
  /** the cheapest setting that meets the deadline */
  cheapestWithinDeadline: PlanCandidate | null;
}

type Reaching = PlanCandidate & { timeTo95S: number; energyMeanJ: number };

function reaches(c: PlanCandidate): c is Reaching {
  return c.timeTo95S !== null && c.energyMeanJ !== null;
}

const byTimeThenEnergy = (a: Reaching, b: Reaching) => a.timeTo95S - b.timeTo95S || a.energyMeanJ - b.energyMeanJ || a.point - b.point;
const byEnergyThenTime = (a: Reaching, b: Reaching) => a.energyMeanJ - b.energyMeanJ || a.timeTo95S - b.timeTo95S || a.point - b.point;

/**
 * Settings no other setting beats on both time to 95 % and energy (ties on both: the first point
 * is kept), sorted from fastest to cheapest. Settings that never reach 95 % are not on the front.
 */
export function paretoFront(candidates: readonly PlanCandidate[]): PlanCandidate[] {
  const sorted = candidates.filter(reaches).sort(byTimeThenEnergy);
  const front: Reaching[] = [];
  for (const c of sorted) {
    const last = front.at(-1);
    if (!last || c.energyMeanJ < last.energyMeanJ) front.push(c);
  }
  return front;
}

function within(c: Reaching, k: PlanConstraints): { time: boolean; energy: boolean } {
  return {
    time: k.deadlineS === undefined || c.timeTo95S <= k.deadlineS,
    energy: k.energyBudgetJ === undefined || c.energyMeanJ <= k.energyBudgetJ,
  };
}

/** The recommended setting under the constraints, or which constraint rules every setting out. */
export function recommend(candidates: readonly PlanCandidate[], k: PlanConstraints): Recommendation {
  const reaching = candidates.filter(reaches);
  const meetsTime = reaching.filter((c) => within(c, k).time);
  const meetsEnergy = reaching.filter((c) => within(c, k).energy);
  const both = meetsTime.filter((c) => within(c, k).energy);
  const fastestWithinBudget = [...meetsEnergy].sort(byTimeThenEnergy)[0] ?? null;
  const cheapestWithinDeadline = [...meetsTime].sort(byEnergyThenTime)[0] ?? null;
  const choice = [...both].sort(byEnergyThenTime)[0] ?? null;
  let binding: Binding | null = null;
  if (!choice) {
    if (reaching.length === 0) binding = 'never-95';
    else if (meetsTime.length === 0 && meetsEnergy.length > 0) binding = 'deadline';
    else if (meetsEnergy.length === 0 && meetsTime.length > 0) binding = 'energy-budget';
    else binding = 'both';
  }
  return { choice, binding, fastestWithinBudget, cheapestWithinDeadline };
}
