/**
 * Measurements behind validation cases 10–14 (docs/validation.md): the class A windows and the
 * AS923 dwell time, the class B beacons, the class C device's deafness around its own uplinks (and
 * one frame at a time), class A downlinks on the multicast channel and through any gateway that
 * heard the uplink, and the burst process in time. Each function runs a scenario of
 * scenarios/validation/ and reads what the comparison needs; test/validation and
 * bench/validation-figures.ts share them.
 */
import { RX1_DELAY_US, RX2_DELAY_US, emptyRxWindowUs, rxWindowOffsetMs } from '../../src/lorawan/classa.js';
import { BEACON_PERIOD_US } from '../../src/lorawan/classb.js';
import { FRAME_OVERHEAD_BYTES } from '../../src/lorawan/frames.js';
import { isoToGpsUs } from '../../src/lorawan/gps.js';
import { getRegion } from '../../src/lorawan/regions/index.js';
import { GE_BAD, geBadAfter, geStationaryBadProbability } from '../../src/radio/burst.js';
import type { Campaign } from '../../src/sim/campaign/campaign.js';
import type { RunContext } from '../../src/sim/context.js';
import { TX_KINDS, type RunResult } from '../../src/sim/types.js';
import { framesOf, phaseSpan, runTraced, scenarioPoints } from './runs.js';

/** A run with its context and campaign kept (for counters and the burst process). */
function runKept(name: string, point = 0): { r: RunResult; ctx: RunContext; campaign: Campaign } {
  let ctx: RunContext | null = null;
  let campaign: Campaign | null = null;
  const r = runTraced(scenarioPoints(name)[point], { onFinish: (c, k) => ((ctx = c), (campaign = k)) });
  return { r, ctx: ctx!, campaign: campaign! };
}

/** Device uplinks per device, in start order: [startUs, endUs][]. */
function uplinksByDevice(r: RunResult): Map<number, Array<[number, number]>> {
  const t = r.transmissions;
  const out = new Map<number, Array<[number, number]>>();
  for (let i = 0; i < t.count; i++) {
    if (t.node[i] >= 0) continue;
    const d = -t.node[i] - 1;
    const l = out.get(d) ?? [];
    l.push([t.startUs[i], t.startUs[i] + t.airtimeUs[i]]);
    out.set(d, l);
  }
  for (const l of out.values()) l.sort((a, b) => a[0] - b[0]);
  return out;
}

// ---- case 10: class A windows and AS923 dwell time

export interface ClassAWindowCheck {
  downlinks: number;
  rx1: number;
  rx2: number;
  /** downlinks that do not start exactly 1 s / 2 s after an uplink end, or use another DR / frequency than the rules give */
  offRule: number;
  longestUs: number;
  /** downlinks whose FRMPayload exceeds the limit of their DR (dwell table when DownlinkDwellTime = 1) */
  overPayload: number;
}

/** Every class A downlink of a run against the RX1/RX2 rules of the device profile (case 10). */
export function checkClassAWindows(name: 'classa-windows' | 'classa-dwell'): ClassAWindowCheck {
  const { r, ctx } = runKept(name);
  const s = r.scenario;
  const region = getRegion(s.region);
  const dwell = s.devices.downlinkDwellTime === 1;
  const t = r.transmissions;
  // uplink end (µs) → [frequency, DR]
  const ends = new Map<number, Array<{ freqHz: number; dr: number }>>();
  for (let i = 0; i < t.count; i++) {
    if (t.node[i] >= 0) continue;
    const e = t.startUs[i] + t.airtimeUs[i];
    ends.set(e, [...(ends.get(e) ?? []), { freqHz: t.frequencyHz[i], dr: t.dr[i] }]);
  }
  const plan = ctx.world.region.uplinkChannels(s.gateways.subBands);
  const out: ClassAWindowCheck = { downlinks: 0, rx1: 0, rx2: 0, offRule: 0, longestUs: 0, overPayload: 0 };
  for (let i = 0; i < t.count; i++) {
    if (t.node[i] < 0) continue;
    out.longestUs = Math.max(out.longestUs, t.airtimeUs[i]);
    if (t.phyPayloadBytes[i] - FRAME_OVERHEAD_BYTES > region.maxFrmPayloadBytes(t.dr[i], { dwellTime: dwell }) && TX_KINDS[t.kind[i]] !== 'beacon') out.overPayload++;
    const kind = TX_KINDS[t.kind[i]];
    if (kind !== 'setup') continue;
    out.downlinks++;
    const rx1 = (ends.get(t.startUs[i] - RX1_DELAY_US) ?? []).some((u) => {
      const c = plan.freqHz.indexOf(u.freqHz);
      return region.rx1.dr(u.dr, s.devices.rxDrOffset1, dwell) === t.dr[i] && region.rx1.freqHz(u.freqHz, plan.index[c]) === t.frequencyHz[i];
    });
    const rx2 = (ends.get(t.startUs[i] - RX2_DELAY_US) ?? []).length > 0 && t.dr[i] === s.devices.rxDataRate2 && t.frequencyHz[i] === s.devices.rxFreq2;
    if (rx1) out.rx1++;
    else if (rx2) out.rx2++;
    else out.offRule++;
  }
  return out;
}

// ---- case 11: beacons

export interface BeaconCheck {
  gateways: number;
  firstS: number;
  /** the session's end, or the campaign's when it ends first */
  endS: number;
  /** beacon times in [first, end): the closed form */
  expectedPerGateway: number;
  sentPerGateway: number[];
  /** 128 s boundaries between the first and the last beacon of a gateway without one */
  missingPeriods: number;
}

export function checkBeacons(): BeaconCheck {
  const { r, ctx } = runKept('classb-beacons');
  // beacons go out until the session ends, or the campaign (and the run) ends first
  const endUs = Math.min(ctx.sessionEndUs, (r.scenario.fuotaTask.startTimeS + r.summary.campaignDurationS) * 1e6);
  const b = framesOf(r, 'beacon');
  const G = r.scenario.gateways.positions.length;
  const firstUs = b.startUs[0];
  const gps0 = isoToGpsUs(r.scenario.startTime);
  const sentPerGateway = Array.from({ length: G }, (_, g) => b.node.filter((n) => n === g).length);
  let missing = 0;
  for (let g = 0; g < G; g++) {
    const times = Array.from(b.startUs).filter((_, k) => b.node[k] === g);
    for (let k = 1; k < times.length; k++) missing += Math.round((times[k] - times[k - 1]) / BEACON_PERIOD_US) - 1;
  }
  if ((gps0 + firstUs) % BEACON_PERIOD_US !== 0) missing = Infinity; // not on a GPS boundary
  return {
    gateways: G,
    firstS: firstUs / 1e6,
    endS: endUs / 1e6,
    expectedPerGateway: Math.floor((endUs - firstUs - 1) / BEACON_PERIOD_US) + 1,
    sentPerGateway,
    missingPeriods: missing,
  };
}

// ---- case 12: a class C device's own uplinks

export interface DeafnessCheck {
  devices: number;
  fragments: number;
  /** share of the fragments the devices missed */
  missedShare: number;
  /** (A + F) / T + (W + F) / T with the mean uplink interval T of the run */
  closedForm: number;
  /** the former rule, deaf from the uplink to the end of RX2: (A + 2 s + W1 + W2 + F) / T */
  formerRule: number;
  meanIntervalS: number;
  airtimeUplinkMs: number;
  airtimeFragmentMs: number;
  rx1WindowMs: number;
  /** uplinks that started before the same device's previous exchange (RX2) ended */
  selfOverlaps: number;
}

export function checkClassCDeafness(): DeafnessCheck {
  const { r } = runKept('classc-deafness');
  const s = r.scenario;
  const region = getRegion(s.region);
  const frag = framesOf(r, 'fragment');
  const F = frag.endUs[0] - frag.startUs[0];
  const up = uplinksByDevice(r);
  const A = [...up.values()][0][0][1] - [...up.values()][0][0][0];
  const wakeUs = s.devices.radioProfile.wakeupMs * 1000;
  const dr = region.dataRates[s.traffic.uplinkDr!]!; // RX1 at the uplink DR (offset 0)
  const W = emptyRxWindowUs(dr.sf, dr.bwHz, { wakeupUs: wakeUs });
  const rx2 = region.dataRates[s.devices.rxDataRate2]!;
  const W2 = emptyRxWindowUs(rx2.sf, rx2.bwHz, { wakeupUs: wakeUs });
  const rx2CloseAfterUs = RX2_DELAY_US + rxWindowOffsetMs(rx2.sf, rx2.bwHz, { wakeupUs: wakeUs }) * 1000 + W2;
  // the mean interval between a device's uplinks during the fragments
  let span = 0;
  let gaps = 0;
  let selfOverlaps = 0;
  for (const l of up.values()) {
    for (let k = 1; k < l.length; k++) {
      if (l[k][0] < l[k - 1][1] + rx2CloseAfterUs) selfOverlaps++;
      if (l[k - 1][0] >= frag.startUs[0] && l[k][0] <= frag.endUs[frag.endUs.length - 1]) {
        span += l[k][0] - l[k - 1][0];
        gaps++;
      }
    }
  }
  const T = span / gaps;
  let received = 0;
  for (let d = 0; d < r.devices.count; d++) received += r.devices.fragmentsReceived[d];
  const fragments = frag.rows.length;
  return {
    devices: r.devices.count,
    fragments,
    missedShare: 1 - received / (fragments * r.devices.count),
    closedForm: (A + F + W + F) / T,
    formerRule: (A + RX2_DELAY_US + W + W2 + F) / T,
    meanIntervalS: T / 1e6,
    airtimeUplinkMs: A / 1000,
    airtimeFragmentMs: F / 1000,
    rx1WindowMs: W / 1000,
    selfOverlaps,
  };
}

/** Frames a node started while its previous one was still on the air (every node of a run). */
export function selfOverlapCount(r: RunResult): number {
  const t = r.transmissions;
  const byNode = new Map<number, number[]>();
  for (let i = 0; i < t.count; i++) byNode.set(t.node[i], [...(byNode.get(t.node[i]) ?? []), i]);
  let n = 0;
  for (const rows of byNode.values()) {
    rows.sort((a, b) => t.startUs[a] - t.startUs[b]);
    for (let k = 1; k < rows.length; k++) if (t.startUs[rows[k]] < t.startUs[rows[k - 1]] + t.airtimeUs[rows[k - 1]]) n++;
  }
  return n;
}

// ---- case 13: class A downlinks on the multicast channel, through any gateway that heard

export interface ClassABurstCheck {
  piBad: number;
  classASent: number;
  classADelivered: number;
  /** class A frames sent at least `FRESH_S` after the same device's previous one: the burst state is then stationary */
  freshSent: number;
  freshDelivered: number;
  fragmentsHeard: number;
  fragmentsPossible: number;
}

/** A class A frame this long after the device's previous one sees the stationary burst state (e^(−Δ(1/20 + 1/180)) < 0.4 %). */
export const FRESH_S = 100;

export function checkClassABursts(): ClassABurstCheck {
  const scenario = scenarioPoints('classa-bursts')[0];
  const last = new Float64Array(scenario.scenario.devices.count).fill(-Infinity);
  let freshSent = 0;
  let freshDelivered = 0;
  let campaign: Campaign | null = null;
  let ctx: RunContext | null = null;
  const r = runTraced(scenario, {
    onStart: (_ctx, k) => {
      k.ex.classA.onOutcome = (d, endUs, ok) => {
        if (endUs - last[d] >= FRESH_S * 1e6) {
          freshSent++;
          if (ok) freshDelivered++;
        }
        last[d] = endUs;
      };
    },
    onFinish: (c, k) => ((ctx = c), (campaign = k)),
  });
  const b = r.scenario.channel.burst;
  const member = (ctx as RunContext | null)!.world.fleet.member;
  const classA = (campaign as Campaign | null)!.ex.classA;
  const frag = framesOf(r, 'fragment');
  let heard = 0;
  let members = 0;
  for (let d = 0; d < r.devices.count; d++) {
    heard += r.devices.fragmentsReceived[d];
    members += member[d];
  }
  return {
    piBad: geStationaryBadProbability(b.meanBurstS, b.meanGapS),
    classASent: classA.sent,
    classADelivered: classA.delivered,
    freshSent,
    freshDelivered,
    fragmentsHeard: heard,
    fragmentsPossible: frag.rows.length * members,
  };
}

export interface GatewayChoiceRow {
  gateways: number;
  devices: number;
  setupDurationS: number;
  downlinksPerDevice: number;
  /** class A answers sent by another gateway than the best-hearing one */
  fallbackAnswers: number;
  /** class A setup downlinks each gateway sent during the setup phase */
  perGateway: number[];
}

export function measureGatewayChoice(): GatewayChoiceRow[] {
  return scenarioPoints('gateway-choice').map((point) => {
    let campaign: Campaign | null = null;
    const r = runTraced(point, { onFinish: (_c, k) => (campaign = k) });
    const endUs = phaseSpan(r, 'setup').endS * 1e6;
    const setup = framesOf(r, 'setup', (i) => r.transmissions.node[i] >= 0 && r.transmissions.startUs[i] <= endUs);
    const G = r.scenario.gateways.positions.length;
    return {
      gateways: G,
      devices: r.devices.count,
      setupDurationS: r.summary.setupDurationS,
      downlinksPerDevice: setup.rows.length / r.devices.count,
      fallbackAnswers: (campaign as Campaign | null)!.ex.classA.fallbackGateway,
      perGateway: Array.from({ length: G }, (_, g) => setup.node.filter((n) => n === g).length),
    };
  });
}

// ---- case 14: bursts in time

export interface BurstsInTimeRow {
  dlClass: string;
  frames: number;
  /** mean time between consecutive fragments, s */
  meanSpacingS: number;
  lostShare: number;
  piBad: number;
  /** P(next frame in a burst | this frame in a burst): measured, and the chain's prediction */
  stayBad: number;
  stayBadPredicted: number;
  /** pairs the conditional share is estimated from */
  badPairs: number;
}

export function measureBurstsInTime(): BurstsInTimeRow[] {
  return scenarioPoints('bursts-in-time').map((point, i) => {
    let ctx: RunContext | null = null;
    const r = runTraced(point, { onFinish: (c) => (ctx = c) });
    const b = r.scenario.channel.burst;
    const { burst: process, order } = (ctx as RunContext | null)!.world.fleet;
    const burst = process!;
    const frag = framesOf(r, 'fragment');
    let heard = 0;
    for (let d = 0; d < r.devices.count; d++) heard += r.devices.fragmentsReceived[d];
    // the process the run used, read again at the frames' ends (it replays the same realisation)
    let badPairs = 0;
    let stay = 0;
    let predicted = 0;
    for (let d = 0; d < r.devices.count; d++) {
      const i = order.slotOf[d];
      let prev = burst.stateAt(i, frag.endUs[0]);
      for (let k = 1; k < frag.rows.length; k++) {
        const s = burst.stateAt(i, frag.endUs[k]);
        if (prev === GE_BAD) {
          badPairs++;
          if (s === GE_BAD) stay++;
          predicted += geBadAfter(GE_BAD, (frag.endUs[k] - frag.endUs[k - 1]) / 1e6, b.meanBurstS, b.meanGapS);
        }
        prev = s;
      }
    }
    return {
      dlClass: i === 0 ? 'ClassC' : r.scenario.multicastGroup.dlClass,
      frames: frag.rows.length,
      meanSpacingS: (frag.endUs[frag.rows.length - 1] - frag.endUs[0]) / (frag.rows.length - 1) / 1e6,
      lostShare: 1 - heard / (frag.rows.length * r.devices.count),
      piBad: geStationaryBadProbability(b.meanBurstS, b.meanGapS),
      stayBad: stay / badPairs,
      stayBadPredicted: predicted / badPairs,
      badPairs,
    };
  });
}
