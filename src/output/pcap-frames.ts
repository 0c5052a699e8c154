/**
 * Every radio frame of a run as a LoRaWAN PHYPayload plus its radio metadata, in time order, from
 * the transmission log with its frame details (TxLog `details`), the scenario and the firmware
 * package (docs/models/pcap.md).
 *
 * - Addresses and keys: SessionKeys (DevAddr per device, McAddr of the group).
 * - Frame counters, counted over the log from 0 at the start of the run: FCntUp per device (every
 *   uplink), FCntDown per device (every class A downlink), and the group's McFCnt. Each gateway of the
 *   group sends the same queue of multicast frames in the same order (distribution.ts), so the k-th
 *   multicast frame of any gateway is the group's k-th frame and carries McFCnt k.
 * - RSSI/SNR: as received by the frame's addressee: an uplink at the device's best gateway, a class
 *   A downlink at its device, a multicast frame or beacon at the median group member (the median
 *   device when the group is empty); SNR against the noise floor of the receiver bandwidth with a 6 dB
 *   noise figure (as devices.csv).
 */
import { encodeBeacon } from '../lorawan/beacon-frame.js';
import { encodeDataFrame, FCTRL, MTYPE } from '../lorawan/frame-codec.js';
import { FRAME_OVERHEAD_BYTES } from '../lorawan/frames.js';
import type { Region } from '../lorawan/regions/index.js';
import type { SessionKeys } from '../lorawan/session-keys.js';
import { noiseFloorDbm } from '../radio/sensitivity.js';
import { REPORT_NOISE_FIGURE_DB } from '../sim/finalize.js';
import { Msg } from '../sim/campaign/messages.js';
import { TX_KINDS, type TransmissionTable } from '../sim/types.js';
import type { ResolvedScenario } from '../scenario/types.js';
import type { MessagePayloads } from './pcap-payloads.js';
import type { RadioMeta } from './pcap-format.js';

export interface LinkInputs {
  s: ResolvedScenario;
  region: Region;
  /** path loss device × gateway, dB (row-major, `gateways` per device) */
  lossDb: Float32Array | Float64Array;
  gateways: number;
  /** best gateway per device */
  best: Int32Array;
  /** devices in the multicast session */
  members: Int32Array;
  gpsEpochUs: number;
}

const KIND = Object.fromEntries(TX_KINDS.map((k, i) => [k, i])) as Record<(typeof TX_KINDS)[number], number>;

export interface CapturedFrame {
  meta: RadioMeta;
  phy: Uint8Array;
}

export class FrameBuilder {
  private readonly fCntUp: Uint32Array;
  private readonly fCntDown: Uint32Array;
  private readonly mcFCnt: Uint32Array;
  private readonly medianLossDb: Float64Array;
  /** per row of an AppTimeReq the server answered: the TimeCorrection it answered with */
  private readonly answeredCorrection = new Map<number, number>();
  /** per device: the last row of a unicast DataFragment to it (FPending before it) */
  private readonly lastFragmentRow: Int32Array;
  private readonly startUnixUs: number;

  constructor(
    private readonly t: TransmissionTable,
    private readonly link: LinkInputs,
    private readonly keys: SessionKeys,
    private readonly payloads: MessagePayloads,
  ) {
    const n = link.best.length;
    this.fCntUp = new Uint32Array(n);
    this.fCntDown = new Uint32Array(n);
    this.mcFCnt = new Uint32Array(link.gateways);
    this.lastFragmentRow = new Int32Array(n).fill(-1);
    this.medianLossDb = new Float64Array(link.gateways).fill(NaN);
    this.startUnixUs = Date.parse(link.s.startTime) * 1000;
    this.scan();
  }

  /** First pass: which AppTimeReq each AppTimeAns answers; the last unicast fragment per device. */
  private scan(): void {
    const { t } = this;
    const det = t.detail!;
    const pendingReq = new Map<number, number>();
    for (let i = 0; i < t.count; i++) {
      const d = det.device[i];
      if (d < 0) continue;
      const m = det.msg[i];
      if (m === Msg.AppTimeReq && t.node[i] < 0) pendingReq.set(d, i);
      else if (m === Msg.AppTimeAns && t.node[i] >= 0 && pendingReq.has(d)) {
        this.answeredCorrection.set(pendingReq.get(d)!, det.arg[i]);
        pendingReq.delete(d);
      } else if (m === Msg.DataFragment && t.node[i] >= 0) this.lastFragmentRow[d] = i;
    }
  }

  /** Row i of the log as a frame. */
  frame(i: number): CapturedFrame {
    const { t, keys, payloads } = this;
    const det = t.detail!;
    const kind = t.kind[i];
    const node = t.node[i];
    const endUs = t.startUs[i] + t.airtimeUs[i];
    let phy: Uint8Array;
    if (kind === KIND.beacon) {
      phy = encodeBeacon(t.phyPayloadBytes[i], Math.round((this.link.gpsEpochUs + t.startUs[i]) / 1e6), node);
    } else if (node < 0) {
      const d = -node - 1;
      const code = det.msg[i];
      const p = payloads.uplink(code, d, endUs, t.phyPayloadBytes[i] - FRAME_OVERHEAD_BYTES, this.answeredCorrection.get(i) ?? null);
      // a confirmed background uplink is marked in the log's detail (arg 1, traffic.confirmed)
      const mtype = code === 0 && det.arg[i] === 1 ? MTYPE.confirmedDataUp : MTYPE.unconfirmedDataUp;
      phy = encodeDataFrame({ mtype, devAddr: keys.devAddr(d), fCtrl: 0, fCnt: this.fCntUp[d]++, fPort: p.fPort, payload: p.payload, ...keys.device(d) });
    } else if (kind === KIND.ack) {
      // the network's ACK of a confirmed uplink: no FPort, no payload, the ACK bit
      const d = det.device[i];
      phy = encodeDataFrame({ mtype: MTYPE.unconfirmedDataDown, devAddr: keys.devAddr(d), fCtrl: FCTRL.ack, fCnt: this.fCntDown[d]++, fPort: null, payload: new Uint8Array(0), ...keys.device(d) });
    } else if (det.device[i] < 0) {
      const p = payloads.multicast(kind === KIND.status ? 0 : t.fragmentIndex[i]);
      phy = encodeDataFrame({ mtype: MTYPE.unconfirmedDataDown, devAddr: keys.mcAddr, fCtrl: 0, fCnt: this.mcFCnt[node]++, fPort: p.fPort, payload: p.payload, ...keys.multicast });
    } else {
      const d = det.device[i];
      const code = det.msg[i];
      const p = payloads.downlink(code, d, det.arg[i], endUs);
      const fPending = code === Msg.DataFragment && i < this.lastFragmentRow[d] ? FCTRL.fPending : 0;
      phy = encodeDataFrame({ mtype: MTYPE.unconfirmedDataDown, devAddr: keys.devAddr(d), fCtrl: fPending, fCnt: this.fCntDown[d]++, fPort: p.fPort, payload: p.payload, ...keys.device(d) });
    }
    if (phy.length !== t.phyPayloadBytes[i]) {
      throw new Error(`internal: frame ${i} (${TX_KINDS[kind]}, message ${det.msg[i]}) is ${phy.length} bytes, the log says ${t.phyPayloadBytes[i]}`);
    }
    return { meta: this.meta(i), phy };
  }

  private meta(i: number): RadioMeta {
    const { t, link } = this;
    const { s, region, lossDb, gateways: G } = link;
    const node = t.node[i];
    const gains = s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
    let rssiDbm: number;
    if (node < 0) {
      const d = -node - 1;
      rssiDbm = s.devices.txPowerDbm + gains - lossDb[d * G + link.best[d]];
    } else {
      const txDbm = Math.min(s.gateways.txPowerDbm, region.downlinkTxPowerDbm(t.frequencyHz[i])) + gains;
      const d = t.detail!.device[i];
      rssiDbm = txDbm - (d >= 0 ? lossDb[d * G + node] : this.medianLoss(node));
    }
    const noiseDbm = noiseFloorDbm(t.bwHz[i], REPORT_NOISE_FIGURE_DB);
    return {
      unixUs: this.startUnixUs + Math.round(t.startUs[i]),
      frequencyHz: t.frequencyHz[i],
      bwHz: t.bwHz[i],
      sf: t.sf[i],
      rssiDbm,
      noiseDbm,
      snrDb: rssiDbm - noiseDbm,
    };
  }

  /** Median path loss from gateway g over the group members (or every device when there are none). */
  private medianLoss(g: number): number {
    if (Number.isNaN(this.medianLossDb[g])) {
      const { members, lossDb, gateways: G, best } = this.link;
      const n = members.length > 0 ? members.length : best.length;
      const losses = Float64Array.from({ length: n }, (_, k) => lossDb[(members.length > 0 ? members[k] : k) * G + g]).sort();
      this.medianLossDb[g] = n === 0 ? 0 : n % 2 === 1 ? losses[(n - 1) / 2] : (losses[n / 2 - 1] + losses[n / 2]) / 2;
    }
    return this.medianLossDb[g];
  }
}
