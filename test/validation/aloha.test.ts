/**
 * Validation case 8: the uplink collision model against pure ALOHA. Devices at one distance (equal
 * received powers, so capture never saves a frame), one spreading factor, Poisson arrivals spread
 * over the 8 channels of US915 sub-band 2 (no duty cycle there, so every channel gets the same load):
 * a frame survives only if no other frame on its channel starts within one airtime before or after
 * it, so the delivery ratio is e^(−2G) and the throughput S = G·e^(−2G) for a per-channel offered
 * load G (Abramson). An arrival at a device still busy with its previous exchange goes to the next
 * free device, which keeps the arrivals Poisson.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/engine/kernel.js';
import { stream } from '../../src/engine/rng.js';
import { isoToGpsUs } from '../../src/lorawan/gps.js';
import type { RunContext } from '../../src/sim/context.js';
import { DownlinkAir } from '../../src/sim/downlink-air.js';
import { Ev } from '../../src/sim/events.js';
import { GatewayRadio } from '../../src/sim/gateway.js';
import { TxLog } from '../../src/sim/txlog.js';
import { UplinkMedium } from '../../src/sim/uplinks.js';
import { buildWorld } from '../../src/sim/world.js';
import { makeScenario } from '../helpers/scenario.js';

const ARRIVE = 100;

/** Delivery ratio of `uplinks` Poisson uplinks at per-channel offered load G. */
function alohaRun(G: number, uplinks: number, seed: number): { pdr: number; airtimeUs: number } {
  const s = makeScenario({
    seed,
    region: 'US915',
    multicastGroup: { dlDr: 8, dlFreq: 923_300_000 },
    devices: { count: 4000, placement: { kind: 'ring', minM: 100, maxM: 100, centerM: [0, 0] }, rxDataRate2: 8, rxFreq2: 923_300_000 },
    gateways: { subBands: [2] },
    channel: { shadowingSigmaDb: 0 },
    traffic: { uplinkDr: 3, payloadBytes: 20 },
  });
  const world = buildWorld(s);
  let medium: UplinkMedium | null = null;
  const kernel: Kernel = new Kernel((kind, a) => {
    if (kind === Ev.uplinkEnd) medium!.onEnd(a);
    else if (kind === ARRIVE) arrive();
  });
  const ctx: RunContext = {
    world,
    kernel,
    gateways: [new GatewayRadio(0, world.region, 'sliding-window')],
    downlinkAir: new DownlinkAir(1),
    txlog: new TxLog(false),
    campaignStartUs: 0,
    sessionStartUs: 0,
    sessionEndUs: 0,
    members: new Int32Array(0),
    gpsEpochUs: isoToGpsUs(s.startTime),
  };
  medium = new UplinkMedium(ctx);
  // the 125 kHz channels of sub-band 2 (the 500 kHz channel carries DR4 only)
  const channels = 8;
  const airtimeUs = medium.airtimeUs(0, 20 + 13);
  // offered load G per channel = rate × airtime / channels
  const meanGapUs = airtimeUs / (G * channels);
  const next = stream(seed, 99, 0);
  let delivered = 0;
  let sent = 0;
  const owner = medium.register((_d, _arg, gateway) => {
    if (gateway >= 0) delivered++;
  });
  function arrive(): void {
    if (sent >= uplinks) return;
    sent++;
    const n = world.fleet.count;
    let d = Math.floor(next() * n);
    while (kernel.now < medium!.freeAtUs(d)) d = (d + 1) % n;
    medium!.send(d, 20 + 13, 'uplink', owner);
    kernel.after(Math.max(1, Math.round(-Math.log(1 - next()) * meanGapUs)), ARRIVE);
  }
  kernel.at(0, ARRIVE);
  kernel.run();
  return { pdr: delivered / sent, airtimeUs };
}

describe('validation 8: uplink collisions against pure ALOHA', () => {
  for (const G of [0.05, 0.15, 0.3, 0.5, 1.0]) {
    it(`delivers e^(−2G) of the frames at G = ${G} per channel`, () => {
      const n = 12_000;
      const { pdr, airtimeUs } = alohaRun(G, n, 7);
      expect(airtimeUs).toBe(71_936); // US915 DR3 = SF7/125, 33-byte PHY payload, CRC on: (12.25 + 58) symbols of 1.024 ms
      const expected = Math.exp(-2 * G);
      // tolerance: 4 binomial standard errors of the estimate, plus 0.01 for the finite fleet
      // (a device's own frames cannot overlap: 4000 devices make that a small correction)
      const se = Math.sqrt((expected * (1 - expected)) / n);
      expect(Math.abs(pdr - expected)).toBeLessThan(4 * se + 0.01);
    });
  }

  it('peaks in throughput S = G·e^(−2G) at G = 0.5, as pure ALOHA does', () => {
    const s = [0.25, 0.5, 1.0].map((G) => G * alohaRun(G, 8_000, 11).pdr);
    expect(s[1]).toBeGreaterThan(s[0]);
    expect(s[1]).toBeGreaterThan(s[2]);
    expect(Math.abs(s[1] - 0.5 * Math.exp(-1))).toBeLessThan(0.015);
  });
});
