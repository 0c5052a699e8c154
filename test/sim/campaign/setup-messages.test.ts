/**
 * What setup sends (setup.ts): ForceDeviceResyncReq only for a clock the server has not seen within
 * the tolerance (devices start TS003 themselves), and setup.packCommands, which lets the requests of
 * one package share a downlink as LoRaMac-node's packages accept.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulate.js';
import { frames, nearFleet } from './fleet.js';

const QUIET = { completion: { statusRequest: false } };
/** PHYPayload sizes (FRMPayload + 13, lorawan-facts 4.2-4.4) */
const FORCE_RESYNC = 15;
const APP_TIME_REQ = 19;
const PACKED_FRAG_SETUP = 1 + 11 + 13; // PackageVersionReq + FragSessionSetupReq
const PACKED_GROUP_SETUP = 30 + 11 + 13; // McGroupSetupReq + McClassCSessionReq
const setupDownlinks = (r: ReturnType<typeof simulate>) => frames(r, (f) => f.node >= 0 && f.kind === 'setup' && f.startUs < r.summary.sessionStartS! * 1e6);

describe('clock synchronisation during setup (TS003)', () => {
  it('needs no ForceDeviceResyncReq when every device\'s own AppTimeReq shows its clock right', () => {
    const r = simulate(nearFleet(30, { ...QUIET, devices: { clock: { initialOffsetSigmaS: 0, driftPpmSigma: 0 } } }));
    expect(setupDownlinks(r).filter((f) => f.phyBytes === FORCE_RESYNC)).toHaveLength(0);
    expect(frames(r, (f) => f.node < 0 && f.phyBytes === APP_TIME_REQ).length).toBeGreaterThanOrEqual(30);
    expect(r.summary.devicesUpdated).toBeGreaterThanOrEqual(27);
  });

  it('sends it only to the few devices whose own synchronisation the server did not see through', () => {
    const r = simulate(nearFleet(60, QUIET));
    const resync = setupDownlinks(r).filter((f) => f.phyBytes === FORCE_RESYNC).length;
    expect(resync).toBeLessThan(60 * 0.2);
    expect(r.summary.statusCounts.Successful).toBeGreaterThanOrEqual(55);
  });
});

describe('setup.packCommands', () => {
  const one = simulate(nearFleet(40, QUIET));
  const packed = simulate(nearFleet(40, { ...QUIET, setup: { packCommands: true } }));

  it('is off by default: one request per downlink, as ChirpStack sends them', () => {
    const sizes = new Set(setupDownlinks(one).map((f) => f.phyBytes));
    expect(sizes.has(PACKED_FRAG_SETUP)).toBe(false);
    expect(sizes.has(PACKED_GROUP_SETUP)).toBe(false);
  });

  it('sends each package\'s two requests in one frame that fits RX2 at DR0 (51 B), and sets the fleet up with fewer downlinks', () => {
    const down = setupDownlinks(packed);
    expect(down.filter((f) => f.phyBytes === PACKED_FRAG_SETUP).length).toBeGreaterThanOrEqual(40);
    expect(down.filter((f) => f.phyBytes === PACKED_GROUP_SETUP).length).toBeGreaterThanOrEqual(40);
    expect(down.filter((f) => f.phyBytes === 14 || f.phyBytes === 43)).toHaveLength(0); // no lone PackageVersionReq / McGroupSetupReq
    expect(PACKED_GROUP_SETUP - 13).toBeLessThanOrEqual(51);
    expect(down.length).toBeLessThan(setupDownlinks(one).length);
    // at 40 devices the polls, not the duty cycle, set the pace, so the setup is not shorter here;
    // the speed-up at 500 and 1000 devices is validation case 18
    expect(packed.summary.statusCounts.Successful).toBeGreaterThanOrEqual(one.summary.statusCounts.Successful - 2);
  });

  it('answers both in one uplink: PackageVersionAns + FragSessionSetupAns (18 B), McGroupSetupAns + McClassCSessionAns (20 B)', () => {
    const up = new Set(frames(packed, (f) => f.node < 0 && f.kind === 'setup').map((f) => f.phyBytes));
    expect(up.has(3 + 2 + 13)).toBe(true);
    expect(up.has(2 + 5 + 13)).toBe(true);
  });
});
