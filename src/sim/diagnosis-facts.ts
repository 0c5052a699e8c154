/**
 * The facts the diagnosis (diagnosis.ts) reads, gathered from a finished run: final statuses,
 * set-up state from the run and from the readiness pass, link margins from the link table, and the
 * decoders' fragment counts.
 */
import { deviceSensitivityDbm, gatewaySensitivityDbm } from '../radio/sensitivity.js';
import { Srv } from './campaign/state.js';
import { toDeviceOrder } from './device-order.js';
import type { DeviceFacts, SessionFacts } from './diagnosis.js';
import type { Pass } from './pass.js';
import type { Readiness } from './probe-thread.js';
import type { UplinkMedium } from './uplinks.js';
import { rebuiltAndVerified } from './summary.js';
import { DEVICE_STATUSES } from './types.js';
import type { World } from './world.js';

/** Statuses that say nothing about the device itself: not set up, short of fragments, or done. */
const NOT_REFUSED = new Set(['Initial', 'MissingFrag', 'Successful']);

/** Gateway EIRP on `freqHz` towards the device (the region's limit caps it, lorawan-facts 2.4), dBm. */
function downlinkTxDbm(world: World, freqHz: number): number {
  const { s, region } = world;
  return Math.min(s.gateways.txPowerDbm, region.downlinkTxPowerDbm(freqHz)) + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
}

/**
 * Margins from the link table: class A (best gateway) at the device's own uplink data rate — the
 * slowest its link and the region's dwell time allow (uplinks.ts) — and at the RX2 data rate; the
 * session's received power (best gateway of the group).
 */
function linkFacts(world: World, medium: UplinkMedium, classAMarginDb: Float64Array, sessionRxDbm: Float64Array): void {
  const { s, links, region, groupGateways } = world;
  const G = links.gateways;
  const upTxDbm = s.devices.txPowerDbm + s.devices.antennaGainDbi + s.gateways.antennaGainDbi;
  const rx2 = region.dataRates[s.devices.rxDataRate2]!;
  const rx2SensDbm = deviceSensitivityDbm(s.devices.radio, rx2.sf, rx2.bwHz);
  const rx2TxDbm = downlinkTxDbm(world, s.devices.rxFreq2);
  const sessionTxDbm = downlinkTxDbm(world, s.multicastGroup.dlFreq);
  for (let d = 0; d < links.devices; d++) {
    const bestLossDb = links.lossDb[d * G + links.best[d]];
    const upSensDbm = gatewaySensitivityDbm(medium.uplinkSf(d), medium.uplinkBwHz(d));
    classAMarginDb[d] = Math.min(upTxDbm - bestLossDb - upSensDbm, rx2TxDbm - bestLossDb - rx2SensDbm);
    let groupLossDb = Infinity;
    for (const g of groupGateways) groupLossDb = Math.min(groupLossDb, links.lossDb[d * G + g]);
    sessionRxDbm[d] = sessionTxDbm - groupLossDb;
  }
}

/** Per-device facts of the run `main`; `readiness` is of the pass that let setup run to its end (may be main). */
export function deviceFacts(main: Pass, readiness: Readiness): DeviceFacts {
  const { world } = main.ctx;
  const { fleet } = world;
  const st = main.campaign.core.st;
  const multicast = main.campaign.core.multicast;
  const readyAtUs = readiness.setUpAtUs;
  const n = fleet.count;
  const f: DeviceFacts = {
    count: n,
    successful: new Uint8Array(n),
    refused: new Uint8Array(n),
    rebuilt: new Uint8Array(n),
    setUp: new Uint8Array(n),
    readyLater: new Uint8Array(n),
    classAMarginDb: new Float64Array(n),
    sessionRxDbm: new Float64Array(n),
    fragmentsReceived: toDeviceOrder(fleet.bySlot.fragmentsReceived, fleet.order),
    fragmentsNeeded: toDeviceOrder(fleet.bySlot.fragmentsNeeded, fleet.order),
  };
  linkFacts(world, main.medium, f.classAMarginDb, f.sessionRxDbm);
  const sessionStartUs = main.campaign.hasSession ? main.ctx.sessionStartUs : Infinity;
  for (let d = 0; d < n; d++) {
    const status = DEVICE_STATUSES[fleet.status[d]];
    f.successful[d] = status === 'Successful' ? 1 : 0;
    f.refused[d] = NOT_REFUSED.has(status) ? 0 : 1;
    const decodedAtUs = fleet.bySlot.decodedAtUs[fleet.order.slotOf[d]];
    f.rebuilt[d] = decodedAtUs === decodedAtUs && rebuiltAndVerified(status) ? 1 : 0;
    f.setUp[d] = (multicast ? fleet.member[d] === 1 : st.srvStep[d] >= Srv.unicast) ? 1 : 0;
    // set up in the readiness pass only after this run's session had started
    f.readyLater[d] = readyAtUs[d] > sessionStartUs ? 1 : 0;
  }
  return f;
}

/** The session's facts: its data rate's sensitivity, the slower rates the group could use, the fragments. */
export function sessionFacts(main: Pass, nbFrag: number): SessionFacts {
  const { world } = main.ctx;
  const { s, region } = world;
  const classB = s.multicastGroup.dlClass === 'ClassB';
  const slowerDrs: Array<{ dr: number; sensitivityDbm: number }> = [];
  for (const r of region.dataRates) {
    if (!r || !r.downlink || r.modulation !== 'LoRa' || region.maxFrmPayloadBytes(r.dr) === 0) continue;
    if (classB && !region.classBAllowedDataRates.includes(r.dr)) continue;
    const sensitivityDbm = deviceSensitivityDbm(s.devices.radio, r.sf, r.bwHz);
    if (sensitivityDbm < world.radio.deviceSensitivityDbm) slowerDrs.push({ dr: r.dr, sensitivityDbm });
  }
  // fastest first: the least sensitive of the slower rates
  slowerDrs.sort((a, b) => b.sensitivityDbm - a.sensitivityDbm || b.dr - a.dr);
  return {
    multicast: main.campaign.core.multicast,
    sensitivityDbm: world.radio.deviceSensitivityDbm,
    slowerDrs,
    nbFrag,
    fragmentsSent: main.campaign.core.sent.count,
  };
}
