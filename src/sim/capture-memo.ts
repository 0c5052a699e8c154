/**
 * Remembered capture outcomes of the multicast loop (reception.ts). With threshold reception and
 * fixed powers (no fading, no external load) whether device d keeps a frame of gateway g is a
 * function of d, g and the frame's interferer pattern alone (DownlinkRx.captureKey: the rule taken,
 * the ordered interferers' gateways and spreading factors, the send offsets of copies that may
 * combine). Gateways send the same pattern of overlapping copies fragment after fragment, so
 * the outcome is worked out once per (gateway, pattern, device in reach) and read back after; the
 * positions not known to fail are kept in a list, in order, so that a frame visits only those.
 * When the reach lists are compacted the outcomes move with their devices (`rebase`), so none is
 * worked out twice.
 */
import type { DownlinkRx } from './downlink-rx.js';

export const CAPTURE_UNKNOWN = 0;
export const CAPTURE_OK = 1;
export const CAPTURE_FAILS = 2;

/**
 * Patterns remembered per gateway; beyond, frames are evaluated without a memo of their own (a
 * lesser pattern's sure failures still answer). A setting only so that tests can reach that path.
 */
export const capturePatterns = { perGateway: 8 };

/** The outcomes of one (gateway, interferer pattern), by position in the gateway's reach list. */
export class CaptureOutcomes {
  readonly outcome: Uint8Array;
  /**
   * positions whose outcome is not CAPTURE_FAILS (and some that became so since the last
   * compaction), ascending; null before the first compaction: every position, 0 .. count - 1. Made
   * at the first compaction with room for those left only: a gateway's copy is kept by the few
   * devices it dominates, so the list is a fraction of the reach list (a million devices under 100
   * gateways hold up to 800 of these per run)
   */
  positions: Int32Array | null = null;
  /**
   * beside `positions`, the reach list's entry at each (the device's slot), so that a frame reads
   * its devices in order instead of through the positions; null while `positions` is
   */
  slots: Int32Array | null = null;
  /**
   * beside `positions`, the outcome at each, kept with `outcome` by `setVisited`; null while
   * `positions` is, and after an outcome was set without its place in `positions` (`set`) until the
   * next compaction
   */
  visitOutcome: Uint8Array | null = null;
  count: number;
  private failedSince = 0;

  constructor(listLength: number) {
    this.outcome = new Uint8Array(listLength);
    this.count = listLength;
  }

  /**
   * per position, 1 where the outcome is a failure that is not sure (DownlinkRx.lastFailSure): a
   * frame with more interferers may still be kept there; made at the first such failure (rare: the
   * capture rule's sum within 1e-9 of its bound)
   */
  notSure: Uint8Array | null = null;

  /** Records the outcome at position m (worked out once); `sure`: a failure that more interferers keep (lesserPattern). */
  set(m: number, ok: boolean, sure = false): void {
    this.visitOutcome = null;
    this.record(m, ok, sure);
  }

  /** `set` for the position at place v of `positions` (a frame visiting them), keeping `visitOutcome`. */
  setVisited(v: number, m: number, ok: boolean, sure: boolean): void {
    this.record(m, ok, sure);
    if (this.visitOutcome !== null) this.visitOutcome[v] = this.outcome[m];
  }

  private record(m: number, ok: boolean, sure: boolean): void {
    this.outcome[m] = ok ? CAPTURE_OK : CAPTURE_FAILS;
    if (ok) return;
    this.failedSince++;
    if (!sure) (this.notSure ??= new Uint8Array(this.outcome.length))[m] = 1;
  }

  /** Records, at every position still unknown, the sure failures of `lesser` (the same list's outcomes for a lesser pattern). */
  failAsSurely(lesser: CaptureOutcomes): void {
    for (let m = 0; m < this.outcome.length; m++) {
      if (this.outcome[m] === CAPTURE_UNKNOWN && lesser.failsSurely(m)) this.set(m, false, true);
    }
  }

  /** Whether position m failed for sure: a frame whose interferers include this pattern's (lesserPattern) fails there too. */
  failsSurely(m: number): boolean {
    return this.outcome[m] === CAPTURE_FAILS && (this.notSure === null || this.notSure[m] === 0);
  }

  /**
   * Drops the positions known to fail from `positions` once enough have accumulated (between
   * frames); `list` is the gateway's reach list these positions are in.
   */
  compact(list: Int32Array): void {
    if (this.failedSince * 8 < this.count) return;
    const from = this.positions;
    if (from === null) {
      let left = 0;
      for (let m = 0; m < this.count; m++) if (this.outcome[m] !== CAPTURE_FAILS) left++;
      this.positions = new Int32Array(left);
      this.slots = new Int32Array(left);
    }
    const to = this.positions as Int32Array;
    const slots = this.slots as Int32Array;
    const outcomes = (this.visitOutcome ??= new Uint8Array(to.length));
    let k = 0;
    for (let i = 0; i < this.count; i++) {
      const m = from === null ? i : from[i];
      const o = this.outcome[m];
      if (o !== CAPTURE_FAILS) {
        slots[k] = list[m];
        outcomes[k] = o;
        to[k++] = m;
      }
    }
    this.count = k;
    this.failedSince = 0;
  }

  /**
   * The same outcomes for a new reach list, where new position j is old position `from[j]`: a
   * position not known to fail is visited until the next compaction, as at the start.
   */
  carried(from: Int32Array): CaptureOutcomes {
    const o = new CaptureOutcomes(from.length);
    for (let j = 0; j < from.length; j++) {
      const v = this.outcome[from[j]];
      o.outcome[j] = v;
      if (v === CAPTURE_FAILS) o.failedSince++;
      if (this.notSure !== null && this.notSure[from[j]] === 1) (o.notSure ??= new Uint8Array(from.length))[j] = 1;
    }
    return o;
  }
}

/**
 * For each position of `after`, that device's position in `before`, when `after` is `before` with
 * some devices left out (in the same order); otherwise null.
 */
export function positionsIn(before: Int32Array, after: Int32Array): Int32Array | null {
  const from = new Int32Array(after.length);
  let i = 0;
  for (let j = 0; j < after.length; j++) {
    while (i < before.length && before[i] !== after[j]) i++;
    if (i === before.length) return null;
    from[j] = i++;
  }
  return from;
}

export class CaptureMemo {
  private readonly byGateway = new Map<number, Map<string, CaptureOutcomes>>();
  /**
   * After `outcomes` answered null: the outcomes of a remembered pattern of the same gateway whose
   * failures are failures of this frame too (`lesserPattern`), or null. Read, not written: a frame
   * checks a device the lesser pattern does not fail as it would without a memo.
   */
  lesser: CaptureOutcomes | null = null;

  /**
   * The reach lists were rebuilt (`before` → `after`, per gateway): each remembered outcome moves
   * to its device's new position. An outcome is a function of the device, the gateway and the
   * pattern, not of the position, so it holds in the new list; a gateway whose new list is not its
   * old one with devices left out forgets its outcomes.
   */
  rebase(before: readonly Int32Array[], after: readonly Int32Array[]): void {
    for (const [g, patterns] of this.byGateway) {
      const from = positionsIn(before[g], after[g]);
      if (from === null) {
        this.byGateway.delete(g);
        continue;
      }
      for (const [key, memo] of patterns) patterns.set(key, memo.carried(from));
    }
  }

  /**
   * The outcomes for the frame being delivered by gateway g against the interferers `rx` collected
   * (DownlinkRx.captureKey), for g's reach list `list`; null when g has too many patterns.
   */
  outcomes(g: number, rx: DownlinkRx, list: Int32Array): CaptureOutcomes | null {
    const listLength = list.length;
    let patterns = this.byGateway.get(g);
    if (patterns === undefined) this.byGateway.set(g, (patterns = new Map()));
    const key = rx.captureKey();
    let memo = patterns.get(key);
    this.lesser = null;
    if (memo === undefined) {
      if (patterns.size >= capturePatterns.perGateway) {
        this.lesser = lesserPattern(patterns, key);
        return null;
      }
      memo = new CaptureOutcomes(listLength);
      // a lesser pattern's sure failures are this one's from the start (and sure here too: each sum is at least as large)
      const lesser = lesserPattern(patterns, key);
      if (lesser !== null) memo.failAsSurely(lesser);
      patterns.set(key, memo);
    }
    memo.compact(list);
    return memo;
  }
}

/**
 * Among a gateway's remembered patterns, one whose sure failures (CaptureOutcomes.failsSurely) are
 * failures under `key` too: the same rule ('F', the linear comparison; 'S', capture and isolation per
 * spreading factor; DownlinkRx.interferenceOk), no copy that may combine ('@') in either, and, per
 * spreading factor, the pattern's interferers a subsequence of the key's (two may come in either
 * order: a + b = b + a exactly). Each rule compares the wanted frame's mW with a sum of the
 * interferers' mW per spreading factor, added in list order; inserting non-negative terms into a
 * floating-point sum never makes it smaller (rounding is monotone), so a sum past its bound stays
 * past it. Null when none is.
 */
export function lesserPattern(patterns: ReadonlyMap<string, CaptureOutcomes>, key: string): CaptureOutcomes | null {
  if (key.includes('@')) return null;
  const wanted = bySf(key);
  for (const [k, memo] of patterns) {
    if (k[0] !== key[0] || k.includes('@')) continue;
    const have = bySf(k);
    let within = true;
    for (const [sf, list] of have) {
      const other = wanted.get(sf) ?? [];
      if (!isSubsequence(list, other) && !(list.length === 2 && isSubsequence([list[1], list[0]], other))) within = false;
    }
    if (within) return memo;
  }
  return null;
}

/** A capture key's interferers (gateway,sf entries after the rule letter) grouped by spreading factor, in order. */
function bySf(key: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const entry of key.split(';').slice(1)) {
    const sf = entry.slice(entry.indexOf(',') + 1);
    let list = out.get(sf);
    if (list === undefined) out.set(sf, (list = []));
    list.push(entry);
  }
  return out;
}

/** Whether `a` is `b` with some entries left out (the same order). */
function isSubsequence(a: readonly string[], b: readonly string[]): boolean {
  let i = 0;
  for (let j = 0; j < b.length && i < a.length; j++) if (a[i] === b[j]) i++;
  return i === a.length;
}
