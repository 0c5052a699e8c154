/**
 * The frame capture read by Wireshark's own dissectors (tshark): LoRaTap fields, LoRaWAN header
 * fields, the MIC verified and the FRMPayload decrypted by Wireshark with the run's key table, equal to
 * the command bytes and fragments the campaign sent. Skipped, with one notice, where tshark is not
 * installed (Debian/Ubuntu package `tshark`; .ci/run installs it). FUOTA_SIM_TSHARK names another binary.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeDataFrame } from '../../src/lorawan/frame-codec.js';
import { encodeFragments } from '../../src/fuota/ts004/encoder.js';
import { fragmentPlan } from '../../src/fuota/ts004/sizing.js';
import { toHex } from '../../src/fuota/ts004/hex.js';
import type { FirmwarePackage } from '../../src/fuota/image/package.js';
import { captureChunks, frameCaptureOptions, KEY_TABLE_FORMATS, runKeys, wiresharkKeyLines } from '../../src/output/pcap.js';
import { readPcap } from '../../src/output/pcap-format.js';
import { simulate } from '../../src/sim/simulate.js';
import { TX_KINDS, type RunResult } from '../../src/sim/types.js';
import type { SessionKeys } from '../../src/lorawan/session-keys.js';
import { makeScenario } from '../helpers/scenario.js';

/** the tshark binary (FUOTA_SIM_TSHARK overrides, e.g. to try the skipped path) */
const TSHARK = process.env.FUOTA_SIM_TSHARK ?? 'tshark';
const hasTshark = spawnSync(TSHARK, ['-v'], { encoding: 'utf8' }).status === 0;
if (!hasTshark) process.stderr.write('notice: tshark (Wireshark) not found; the test that opens a capture with it is skipped. Install the tshark package to run it.\n');

const FIELDS = ['frame.number', 'loratap.channel.frequency', 'loratap.channel.sf', 'loratap.syncword', 'lorawan.mhdr.mtype', 'lorawan.fhdr.devaddr', 'lorawan.fhdr.fcnt', 'lorawan.fport', 'lorawan.mic.status', 'lorawan.frmpayload_decrypted'];

describe.skipIf(!hasTshark)('the frame capture in Wireshark (tshark)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuota-pcap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const s = makeScenario({
    devices: { count: 4, placement: { kind: 'disc', radiusM: 800, centerM: [0, 0] } },
    firmware: { sizeBytes: 1200, signature: 'ed25519' },
    fuotaTask: { fragmentSizeBytes: 100, redundancyPercent: 20 },
    setup: { mode: 'classA' },
    traffic: { uplinkIntervalS: 600, payloadBytes: 9 },
    completion: { statusRequest: true, repairRounds: 1 },
  });
  // the run and its capture, made when a test first needs them (not while a skipped suite is collected)
  let made: { result: RunResult; pkg: FirmwarePackage; bytes: Buffer; file: string; keys: SessionKeys } | null = null;
  function run() {
    if (made) return made;
    const c = frameCaptureOptions();
    let pkg: FirmwarePackage | null = null;
    const result = simulate(s, { ...c.options, onFinish: (ctx, campaign, p) => { pkg = p; c.options.onFinish(ctx, campaign, p); } });
    const bytes = Buffer.concat([...captureChunks(result, c.taken())]);
    const file = join(dir, 'run.pcap');
    writeFileSync(file, bytes);
    made = { result, pkg: pkg!, bytes, file, keys: runKeys(result) };
    return made;
  }

  /** tshark's fields with the key table given as -o options, in whichever table form this Wireshark has. */
  function tsharkFields(): string[][] {
    const { keys, result, file } = run();
    for (const format of KEY_TABLE_FORMATS) {
      const lines = [...wiresharkKeyLines(keys, result.devices.count, format)].filter((l) => !l.startsWith('#'));
      const args = ['-r', file, ...lines.flatMap((l) => ['-o', `uat:${format}:${l.trim()}`]), '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f])];
      const r = spawnSync(TSHARK, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (r.status === 0) return r.stdout.trim().split('\n').map((l) => l.split('\t'));
      if (!/Invalid -o flag/.test(r.stderr)) throw new Error(`tshark failed: ${r.stderr}`);
    }
    throw new Error('this Wireshark accepts neither LoRaWAN key table form');
  }

  it('decodes every frame: LoRaTap channel, LoRaWAN header, MIC verified and payload decrypted to what was sent', () => {
    const rows = tsharkFields();
    const { result, bytes, keys } = run();
    const t = result.transmissions;
    const ours = readPcap(bytes);
    expect(rows.length).toBe(t.count);
    const byAddr = new Map([[keys.mcAddr, keys.multicast], ...Array.from({ length: result.devices.count }, (_, d) => [keys.devAddr(d), keys.device(d)] as const)]);
    let checked = 0;
    for (let i = 0; i < t.count; i++) {
      const [num, freq, sf, sync, mtype, devaddr, fcnt, fport, mic, decrypted] = rows[i];
      expect(Number(num)).toBe(i + 1);
      expect([Number(freq), Number(sf), Number(sync)]).toEqual([t.frequencyHz[i], t.sf[i], 0x34]);
      if (TX_KINDS[t.kind[i]] === 'beacon') continue;
      const phy = ours[i].phyPayload;
      const addr = new DataView(phy.buffer, phy.byteOffset).getUint32(1, true);
      const f = decodeDataFrame(phy, byAddr.get(addr)!, new DataView(phy.buffer, phy.byteOffset).getUint16(6, true));
      expect(Number(mtype)).toBe(t.node[i] < 0 ? 2 : 3);
      expect(Number.parseInt(devaddr, 16)).toBe(addr);
      expect(Number(fcnt)).toBe(f.fCnt16);
      expect(mic, `frame ${i + 1}: Wireshark's MIC status (1 = good)`).toBe('1');
      if (f.fPort === null) continue;
      expect(Number.parseInt(fport, 16)).toBe(f.fPort);
      expect(decrypted.replace(/:/g, ''), `frame ${i + 1}`).toBe(toHex(f.payload));
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('shows the image fragments, decrypted by Wireshark, equal to the TS004 encoder output', () => {
    const rows = tsharkFields();
    const { pkg, keys } = run();
    const plan = fragmentPlan(pkg.payload.length, s.fuotaTask.fragmentSizeBytes, s.fuotaTask.redundancyPercent);
    const frags = encodeFragments(pkg.payload, s.fuotaTask.fragmentSizeBytes, plan.codedCount);
    const mc = `0x${keys.mcAddr.toString(16).padStart(8, '0')}`;
    let seen = 0;
    for (const r of rows) {
      if (r[5] !== mc || !r[9].startsWith('08')) continue;
      const hex = r[9].replace(/:/g, '');
      const indexAndN = Number.parseInt(hex.slice(4, 6) + hex.slice(2, 4), 16);
      const n = indexAndN & 0x3fff;
      expect(indexAndN >> 14).toBe(s.fuotaTask.fragIndex);
      expect(hex.slice(6)).toBe(toHex(frags[n - 1].data));
      seen++;
    }
    expect(seen).toBeGreaterThanOrEqual(plan.totalCount);
  });
});
