/**
 * Case 23: class B simulcast in lockstep (scenarios/validation/classb-lockstep.json). Everything is
 * read back from the transmissions table of each run and compared with what the rule implies:
 *
 * - every multicast frame occupies exactly one start time, a ping slot of the group, in release
 *   order, and no start time carries two different frames;
 * - recomputed from the trace alone, a gateway could send in a slot (radio free, the one-hour ledger
 *   of sub-band P takes the frame, the next beacon neither overlapped nor left without its duty
 *   cycle) exactly when it sent the copy there, and in the slots a frame waited through (after its
 *   release and after the previous frame's slot) no gateway could;
 * - links from every gateway above the device sensitivity and copies combining: every device rebuilds
 *   the image, when the frame carrying fragment M ends.
 */
import { pingSlotStartsUs, BEACON_PERIOD_US } from '../../src/lorawan/classb.js';
import { getRegion } from '../../src/lorawan/regions/index.js';
import { isoToGpsUs } from '../../src/lorawan/gps.js';
import { deviceSensitivityDbm } from '../../src/radio/sensitivity.js';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { lowerBound, upperBound } from '../../src/engine/sorted.js';
import { TX_KINDS, type RunResult } from '../../src/sim/types.js';
import { logDistanceDb } from './closed-form.js';
import { runTraced, scenarioPoints } from './runs.js';
import { SUB_BAND_P } from './measure-distribution.js';

const HOUR_US = 3_600_000_000;
const MULTICAST = new Set(['fragment', 'repair', 'status'].map((k) => TX_KINDS.indexOf(k as (typeof TX_KINDS)[number])));
const BEACON = TX_KINDS.indexOf('beacon');

/** Why a gateway could not send a frame at a slot (recomputed from the trace); null: it could. */
export type Blocked = 'busy' | 'dutyCycle' | 'beacon' | null;

/** One gateway's transmissions as the trace shows them, with the sub-band P ledger as prefix sums. */
class GatewayTrace {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private readonly pStarts: number[] = [];
  private readonly pEnds: number[] = [];
  private pCum: number[] = [0];
  readonly beacons: number[] = [];
  private readonly beaconEnds: number[] = [];
  beaconAirUs = 0;

  add(startUs: number, airUs: number, freqHz: number, beacon: boolean): void {
    this.starts.push(startUs);
    this.ends.push(startUs + airUs);
    if (beacon) {
      this.beacons.push(startUs);
      this.beaconEnds.push(startUs + airUs);
      this.beaconAirUs = airUs;
    }
    if (freqHz >= SUB_BAND_P.loHz && freqHz <= SUB_BAND_P.hiHz) {
      this.pStarts.push(startUs);
      this.pEnds.push(startUs + airUs);
      this.pCum.push(this.pCum[this.pCum.length - 1] + airUs);
    }
  }

  /** Airtime in sub-band P of the frames that started before tUs, inside [fromUs, tUs). */
  private pastUs(fromUs: number, tUs: number): number {
    const first = upperBound(this.pEnds, fromUs);
    const last = lowerBound(this.pStarts, tUs); // frames [first, last) started before t
    if (last <= first) return 0;
    let sum = this.pCum[last] - this.pCum[first];
    sum -= Math.max(0, fromUs - this.pStarts[first]);
    sum -= Math.max(0, this.pEnds[last - 1] - tUs);
    return sum;
  }

  /** End of the last frame started at or before tUs (-Infinity when none). */
  busyUntilAfter(tUs: number): number {
    const i = upperBound(this.starts, tUs) - 1;
    return i >= 0 ? this.ends[i] : -Infinity;
  }

  /**
   * Whether a frame of airUs could start at tUs, judged on the frames that started before tUs (what
   * the gateway knew then; gateway.ts `earliestStartUs`), beacons being reserved ahead.
   */
  blockedAt(tUs: number, airUs: number): Blocked {
    const i = lowerBound(this.starts, tUs) - 1; // last frame started before t
    if (i >= 0 && this.ends[i] > tUs) return 'busy';
    const capUs = SUB_BAND_P.dutyCycle * HOUR_US;
    if (this.pastUs(tUs + airUs - HOUR_US, tUs) > capUs - airUs) return 'dutyCycle';
    const b = upperBound(this.beaconEnds, tUs); // the next beacon still on the air after t
    if (b < this.beacons.length) {
      const beaconUs = this.beacons[b];
      if (tUs + airUs > beaconUs) return 'beacon';
      if (this.pastUs(tUs + airUs + this.beaconAirUs - HOUR_US, tUs) > capUs - airUs - this.beaconAirUs) return 'beacon';
    }
    return null;
  }
}

export interface LockstepRun {
  /** the point: group gateways ("all" or a list) and the background uplink interval (0: none) */
  groupGateways: number[];
  uplinkIntervalS: number;
  combineCopies: boolean;
  result: RunResult;
  /** multicast frames sent (distinct TS004 N), start times used (ascending, µs), copies sent, per group gateway */
  frames: number;
  slotsUsed: number;
  slotStartsUs: number[];
  copiesSent: number;
  copiesPerGateway: number[];
  /** slots whose copies carry different frames; frames seen at more than one start time */
  mixedSlots: number;
  framesInSeveralSlots: number;
  /** starts that are not a ping slot of the group; frames out of release order */
  offSlot: number;
  outOfOrder: number;
  /** copies not sent, by the reason recomputed from the trace */
  skipped: Record<'busy' | 'dutyCycle' | 'beacon', number>;
  /** slot-gateway pairs where the trace-based rule and the run disagree (sent but blocked, skipped but free, or a free slot the frame waited through) */
  ruleMismatches: number;
  /** slots a frame waited through after its release because no gateway could send */
  slotsWaited: number;
  /** duty-cycle wait recomputed from the trace (each copy: its slot − the first slot with its radio free), s */
  waitFromTraceS: number;
  /** weakest device–group gateway link over the device sensitivity, dB (from the geometry) */
  minMarginDb: number;
  /** per device: the strongest copy over the sum of the other gateways' copies, dB (Infinity with one gateway) */
  dominanceDb: Float64Array;
  /** devices that rebuilt the image; and those whose rebuild time is the end of fragment M's frame */
  rebuilt: number;
  rebuiltAtFragmentM: number;
}

/** Group slot starts (simulation µs) in [fromUs, toUs]. */
function groupSlots(s: ResolvedScenario, fromUs: number, toUs: number): number[] {
  const gps0 = isoToGpsUs(s.startTime);
  const address = Number.parseInt(s.multicastGroup.mcAddr, 16) >>> 0;
  const out: number[] = [];
  let beaconGpsUs = Math.floor((gps0 + fromUs) / BEACON_PERIOD_US) * BEACON_PERIOD_US;
  for (; beaconGpsUs - gps0 <= toUs; beaconGpsUs += BEACON_PERIOD_US) {
    for (const g of pingSlotStartsUs(beaconGpsUs / 1e6, address, s.multicastGroup.pingSlotPeriod)) {
      const t = g - gps0;
      if (t >= fromUs && t <= toUs) out.push(t);
    }
  }
  return out;
}

/**
 * From the geometry (log-distance, no shadowing, the same EIRP from every gateway): per device and
 * group gateway the received power over the device sensitivity, dB, and, per device, how far the
 * strongest copy is above the sum of the others (co-SF capture needs 6 dB, lorawan-facts 6.3).
 */
function linkMargins(s: ResolvedScenario, r: RunResult, group: readonly number[]): { minMarginDb: number; dominanceDb: Float64Array } {
  const pl = s.channel.pathLoss;
  if (pl.model !== 'log-distance' || s.channel.shadowingSigmaDb !== 0) throw new Error('classb-lockstep: the margins assume log-distance path loss without shadowing');
  const region = getRegion(s.region);
  const dr = region.dataRates[s.multicastGroup.dlDr]!;
  const txDbm = Math.min(s.gateways.txPowerDbm, region.downlinkTxPowerDbm(s.multicastGroup.dlFreq)) + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
  const sensDbm = deviceSensitivityDbm(s.devices.radio, dr.sf, dr.bwHz);
  let minMarginDb = Infinity;
  const dominanceDb = new Float64Array(r.devices.count);
  for (let d = 0; d < r.devices.count; d++) {
    const mw = group.map((g) => {
      const [x, y] = s.gateways.positions[g];
      const rxDbm = txDbm - logDistanceDb(Math.hypot(r.devices.xM[d] - x, r.devices.yM[d] - y), pl.d0M, pl.pl0Db, pl.gamma);
      minMarginDb = Math.min(minMarginDb, rxDbm - sensDbm);
      return 10 ** (rxDbm / 10);
    });
    const strongest = Math.max(...mw);
    const others = mw.reduce((a, b) => a + b, 0) - strongest;
    dominanceDb[d] = others > 0 ? 10 * Math.log10(strongest / others) : Infinity;
  }
  return { minMarginDb, dominanceDb };
}

/** Measures one run of the case. */
export function measureLockstepRun(s: ResolvedScenario, result: RunResult): LockstepRun {
  const t = result.transmissions;
  const group = s.multicastGroup.gateways === 'all' ? s.gateways.positions.map((_, g) => g) : (s.multicastGroup.gateways as number[]);
  const gws = s.gateways.positions.map(() => new GatewayTrace());
  const order = Array.from({ length: t.count }, (_, i) => i).filter((i) => t.node[i] >= 0).sort((a, b) => t.startUs[a] - t.startUs[b] || a - b);
  // per start time: the frame (kind:N), its airtime and the gateways that sent it
  const slots = new Map<number, { keys: Set<string>; airUs: number; n: number; senders: Set<number> }>();
  const startsOf = new Map<string, Set<number>>();
  let copiesSent = 0;
  for (const i of order) {
    gws[t.node[i]].add(t.startUs[i], t.airtimeUs[i], t.frequencyHz[i], t.kind[i] === BEACON);
    if (!MULTICAST.has(t.kind[i])) continue;
    copiesSent++;
    const key = `${TX_KINDS[t.kind[i]]}:${t.fragmentIndex[i]}`;
    const slot = slots.get(t.startUs[i]) ?? { keys: new Set<string>(), airUs: t.airtimeUs[i], n: t.fragmentIndex[i], senders: new Set<number>() };
    slot.keys.add(key);
    slot.senders.add(t.node[i]);
    slots.set(t.startUs[i], slot);
    startsOf.set(key, (startsOf.get(key) ?? new Set<number>()).add(t.startUs[i]));
  }
  const used = [...slots.keys()].sort((a, b) => a - b);
  const sessionStartUs = result.summary.sessionStartS! * 1e6;
  const skipped = { busy: 0, dutyCycle: 0, beacon: 0 };
  let mixedSlots = 0;
  let offSlot = 0;
  let outOfOrder = 0;
  let ruleMismatches = 0;
  let slotsWaited = 0;
  let waitUs = 0;
  let previousUs = -Infinity;
  let previousN = 0;
  const allSlots = groupSlots(s, sessionStartUs, used.length > 0 ? used[used.length - 1] : sessionStartUs);
  const onGroupSlot = new Set(allSlots);
  for (const startUs of used) {
    const slot = slots.get(startUs)!;
    if (slot.keys.size > 1) mixedSlots++;
    if (!onGroupSlot.has(startUs)) offSlot++;
    if (slot.n !== 0 && slot.n < previousN) outOfOrder++;
    // fragment N is released at the session start + (N − 1) × the fragment interval
    const releaseUs = sessionStartUs + (Math.max(slot.n, 1) - 1) * s.fuotaTask.fragmentIntervalMs * 1000;
    const fromUs = Math.max(releaseUs, previousUs + 1);
    for (let k = lowerBound(allSlots, fromUs); k < allSlots.length && allSlots[k] < startUs; k++) {
      slotsWaited++;
      for (const g of group) if (gws[g].blockedAt(allSlots[k], slot.airUs) === null) ruleMismatches++;
    }
    // the frame is first looked at when released, or when the previous frame went out
    const tryUs = Math.max(releaseUs, previousUs);
    for (const g of group) {
      const why = gws[g].blockedAt(startUs, slot.airUs);
      if (slot.senders.has(g)) {
        if (why !== null) ruleMismatches++;
        // the slot it would have had without a duty-cycle limit: the first one with its radio free
        const noDcUs = allSlots[lowerBound(allSlots, Math.max(fromUs, gws[g].busyUntilAfter(tryUs)))];
        waitUs += startUs - Math.min(startUs, noDcUs);
      } else if (why === null) ruleMismatches++;
      else skipped[why]++;
    }
    previousUs = startUs;
    if (slot.n !== 0) previousN = slot.n;
  }
  const m = result.summary.nbFrag;
  const mEnd = [...slots.entries()].find(([, v]) => v.keys.has(`fragment:${m}`));
  const mEndS = mEnd ? (mEnd[0] + mEnd[1].airUs) / 1e6 : NaN;
  let rebuilt = 0;
  let atM = 0;
  for (let d = 0; d < result.devices.count; d++) {
    const at = result.devices.decodedAtS[d];
    if (!Number.isFinite(at)) continue;
    rebuilt++;
    if (Math.abs(at - mEndS) < 1e-6) atM++;
  }
  const { minMarginDb, dominanceDb } = linkMargins(s, result, group);
  return {
    groupGateways: group,
    uplinkIntervalS: s.traffic.uplinkIntervalS,
    combineCopies: s.channel.combineCopies,
    result,
    frames: startsOf.size,
    slotsUsed: used.length,
    slotStartsUs: used,
    copiesSent,
    copiesPerGateway: group.map((g) => used.filter((u) => slots.get(u)!.senders.has(g)).length),
    mixedSlots,
    framesInSeveralSlots: [...startsOf.values()].filter((x) => x.size > 1).length,
    offSlot,
    outOfOrder,
    skipped,
    ruleMismatches,
    slotsWaited,
    waitFromTraceS: waitUs / 1e6,
    minMarginDb,
    dominanceDb,
    rebuilt,
    rebuiltAtFragmentM: atM,
  };
}

/** Case 23: every point of `classb-lockstep`. */
export function measureLockstep(): LockstepRun[] {
  return scenarioPoints('classb-lockstep').map((point) => measureLockstepRun(point.scenario, runTraced(point)));
}
