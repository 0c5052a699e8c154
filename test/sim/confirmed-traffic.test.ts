import { describe, expect, it } from 'vitest';
import { decodeDataFrame, FCTRL, MTYPE } from '../../src/lorawan/frame-codec.js';
import { captureChunks, frameCaptureOptions, runKeys } from '../../src/output/pcap.js';
import { readPcap } from '../../src/output/pcap-format.js';
import { simulate } from '../../src/sim/simulate.js';
import { ACK_PHY_BYTES } from '../../src/sim/traffic.js';
import { TX_KINDS, type RunResult } from '../../src/sim/types.js';
import { makeScenario } from '../helpers/scenario.js';

/** Background uplink and ACK rows of a run's log. */
function rows(r: RunResult) {
  const t = r.transmissions;
  const uplinks: Array<{ d: number; startUs: number }> = [];
  const acks: Array<{ g: number; startUs: number; phy: number }> = [];
  for (let i = 0; i < t.count; i++) {
    const kind = TX_KINDS[t.kind[i]];
    if (kind === 'uplink' && t.node[i] < 0) uplinks.push({ d: -t.node[i] - 1, startUs: t.startUs[i] });
    if (kind === 'ack') acks.push({ g: t.node[i], startUs: t.startUs[i], phy: t.phyPayloadBytes[i] });
  }
  return { uplinks, acks };
}

const base = {
  firmware: { sizeBytes: 4000 },
  setup: { mode: 'instant' as const },
  outputs: { transmissions: true },
  simulation: { maxDurationS: 1200 },
};

describe('confirmed background uplinks', () => {
  it('out of reach: every frame goes out NbTrans times, 1–3 s after RX2, and none is delivered', () => {
    const s = makeScenario({ ...base, devices: { count: 20, placement: { kind: 'ring', minM: 5000, maxM: 5000, centerM: [0, 0] } },
      traffic: { uplinkIntervalS: 300, uplinkDr: 5, confirmed: true, nbTrans: 3 } });
    const r = simulate(s);
    const { uplinks, acks } = rows(r);
    expect(acks.length).toBe(0);
    expect(r.summary.backgroundPdr).toBe(0);
    for (let d = 0; d < 20; d++) {
      const mine = uplinks.filter((u) => u.d === d).map((u) => u.startUs);
      expect(mine.length).toBeGreaterThanOrEqual(3);
      // the three transmissions of the first frame: gaps of (RX2 + 1.5 s settle) + ACK_TIMEOUT, i.e. 4.5–6.5 s
      for (const k of [1, 2]) {
        const gap = mine[k] - mine[k - 1];
        expect(gap).toBeGreaterThanOrEqual(4_500_000);
        expect(gap).toBeLessThanOrEqual(6_600_000);
      }
      if (mine.length > 3) expect(mine[3] - mine[0]).toBeGreaterThan(200_000_000); // the next frame, a period later
    }
  });

  it('in reach: the network acknowledges with empty downlinks 1–2 s after the uplinks, and frames are delivered', () => {
    const s = makeScenario({ ...base, devices: { count: 30, placement: { kind: 'ring', minM: 80, maxM: 80, centerM: [0, 0] } },
      traffic: { uplinkIntervalS: 120, uplinkDr: 5, confirmed: true, nbTrans: 4 } });
    const r = simulate(s);
    const { uplinks, acks } = rows(r);
    expect(acks.length).toBeGreaterThan(10);
    for (const a of acks) {
      expect(a.g).toBeGreaterThanOrEqual(0);
      expect(a.phy).toBe(ACK_PHY_BYTES);
      // in RX1 (1 s after the uplink's end) or RX2 (2 s): some uplink started 1.0–2.2 s earlier
      expect(uplinks.some((u) => a.startUs - u.startUs >= 1_000_000 && a.startUs - u.startUs <= 2_200_000)).toBe(true);
    }
    expect(r.summary.backgroundPdr).toBeGreaterThan(0.9);
    expect(simulate(s).summary).toEqual(r.summary);
  });

  it('unconfirmed NbTrans repeats frames without ACKs', () => {
    const s = makeScenario({ ...base, devices: { count: 10, placement: { kind: 'ring', minM: 80, maxM: 80, centerM: [0, 0] } },
      traffic: { uplinkIntervalS: 300, uplinkDr: 5, confirmed: false, nbTrans: 2 } });
    const { uplinks, acks } = rows(simulate(s));
    expect(acks.length).toBe(0);
    const first = uplinks.filter((u) => u.d === 0);
    expect(first[1].startUs - first[0].startUs).toBeLessThan(7_000_000);
  });

  it('the frame capture marks confirmed uplinks and ACKs', () => {
    const s = makeScenario({ ...base, devices: { count: 10, placement: { kind: 'ring', minM: 80, maxM: 80, centerM: [0, 0] } },
      traffic: { uplinkIntervalS: 120, uplinkDr: 5, confirmed: true, nbTrans: 2 } });
    const c = frameCaptureOptions();
    const r = simulate(s, c.options);
    const packets = readPcap(Buffer.concat([...captureChunks(r, c.taken())]));
    const keys = runKeys(r);
    let confirmedUp = 0, ackDown = 0;
    const t = r.transmissions;
    packets.forEach((p, i) => {
      const kind = TX_KINDS[t.kind[i]];
      if (kind !== 'uplink' && kind !== 'ack') return;
      const d = t.node[i] < 0 ? -t.node[i] - 1 : new DataView(p.phyPayload.buffer, p.phyPayload.byteOffset).getUint32(1, true) - keys.devAddr(0);
      const f = decodeDataFrame(p.phyPayload, keys.device(d), new DataView(p.phyPayload.buffer, p.phyPayload.byteOffset).getUint16(6, true));
      expect(f.micOk).toBe(true);
      if (kind === 'uplink' && t.node[i] < 0 && f.mtype === MTYPE.confirmedDataUp) confirmedUp++;
      if (kind === 'ack' && (f.fCtrl & FCTRL.ack) !== 0) ackDown++;
    });
    expect(confirmedUp).toBeGreaterThan(0);
    expect(ackDown).toBeGreaterThan(0);
  });
});
