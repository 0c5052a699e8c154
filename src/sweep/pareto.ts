/**
 * Capacity planning decisions over simulated settings: the Pareto front of time to 95 % against
 * mean energy per device (both lower is better), the recommended setting under a deadline and an
 * energy budget, settings with identical outcomes grouped, and why a class or setting is not on
 * the front.
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
  /** mean share of devices that rebuilt and verified the image (what time to 95 % counts); updatedRatio when unknown */
  reachedRatio?: number | null;
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

/** Share of devices that rebuilt and verified the image in a setting (what time to 95 % counts). */
export function reachedShare(c: PlanCandidate): number | null {
  return c.reachedRatio ?? c.updatedRatio;
}

/**
 * Settings of one class whose outcomes are the same: time to 95 % equal to the second and mean
 * energy equal to three significant digits (or, for settings that never reach 95 %, the share of
 * devices updated equal to 0.1 %), e.g. redundancy that makes no difference on a clean channel.
 */
export interface OutcomeGroup {
  members: PlanCandidate[];
  /** the recommended setting when the group holds it, else its first on the front, else its first */
  lead: PlanCandidate;
}

function outcomeKey(c: PlanCandidate): string {
  const e = c.energyMeanJ === null ? 'null' : Number(c.energyMeanJ.toPrecision(3));
  if (c.timeTo95S !== null) return `${c.dlClass}|t${Math.round(c.timeTo95S)}|${e}`;
  const share = reachedShare(c);
  return `${c.dlClass}|s${share === null ? 'null' : Math.round(share * 1000)}|${e}`;
}

/** Candidates grouped by identical outcome, groups in the order of their first member. */
export function groupOutcomes(candidates: readonly PlanCandidate[], front: readonly PlanCandidate[] = [], choice: PlanCandidate | null = null): OutcomeGroup[] {
  const byKey = new Map<string, PlanCandidate[]>();
  for (const c of candidates) {
    const k = outcomeKey(c);
    byKey.set(k, [...(byKey.get(k) ?? []), c]);
  }
  const onFront = new Set(front.map((c) => c.point));
  return [...byKey.values()].map((members) => ({
    members,
    lead: members.find((m) => m.point === choice?.point) ?? members.find((m) => onFront.has(m.point)) ?? members[0],
  }));
}

/** `DR6, 10 % redundancy, 239-byte fragments` (the class said separately). */
export function settingText(c: PlanSetting): string {
  return `DR${c.dlDr}, ${c.redundancyPercent} % redundancy, ${c.fragmentSizeBytes}-byte fragments`;
}

const pct = (share: number): string => `${Number((share * 100).toFixed(1))} %`;

/**
 * One sentence per class (in the order the classes come) that has no setting on the Pareto front,
 * saying why: none of its settings updated 95 % of the devices (with the best share reached), or
 * each that did is beaten on both time and energy by a setting on the front. Then one sentence on
 * the settings of the other classes that never reached 95 %, when there are any.
 */
export function absenceReasons(candidates: readonly PlanCandidate[], front: readonly PlanCandidate[]): string[] {
  const classes = [...new Set(candidates.map((c) => c.dlClass))];
  const onFront = new Set(front.map((c) => c.dlClass));
  const reasons: string[] = [];
  for (const cls of classes) {
    const own = candidates.filter((c) => c.dlClass === cls);
    const never = own.filter((c) => !reaches(c));
    if (onFront.has(cls)) {
      if (never.length > 0) {
        const best = Math.max(...never.map((c) => reachedShare(c) ?? 0));
        reasons.push(`${cls}: ${never.length} of its ${own.length} settings never updated 95 % of the devices (at most ${pct(best)}); they are not on the front.`);
      }
      continue;
    }
    if (never.length === own.length) {
      const best = [...own].sort((a, b) => (reachedShare(b) ?? 0) - (reachedShare(a) ?? 0) || a.point - b.point)[0];
      const share = reachedShare(best);
      reasons.push(
        `${cls}: none of its ${own.length} settings updated 95 % of the devices; the best reached ${share === null ? 'no device' : pct(share)} ` +
          `(${settingText(best)}): below the 95 % target, so it is not on the front.`,
      );
      continue;
    }
    const reaching = own.filter(reaches);
    const fastest = [...reaching].sort(byTimeThenEnergy)[0];
    const beater = front.find((f) => (f.timeTo95S as number) <= fastest.timeTo95S && (f.energyMeanJ as number) <= fastest.energyMeanJ) ?? front[0];
    reasons.push(
      `${cls}: ${reaching.length} of its ${own.length} settings updated 95 % of the devices, but a setting on the front is at least as fast and uses at most as much energy ` +
        `as each of them (its fastest, ${settingText(fastest)}, against ${beater.dlClass} ${settingText(beater)}).`,
    );
  }
  return reasons;
}
