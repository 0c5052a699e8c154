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
import type { SessionKeys } from '../../src/lorawan/session-keys.js';
import { encodeFragments } from '../../src/fuota/ts004/encoder.js';
import { fragmentPlan } from '../../src/fuota/ts004/sizing.js';
import { toHex } from '../../src/fuota/ts004/hex.js';
import type { FirmwarePackage } from '../../src/fuota/image/package.js';
import { captureChunks, frameCaptureOptions, KEY_TABLE_FORMATS, runKeys, wiresharkKeyLines } from '../../src/output/pcap.js';
import { readPcap } from '../../src/output/pcap-format.js';
import { simulate } from '../../src/sim/simulate.js';
import { TX_KINDS, type RunResult } from '../../src/sim/types.js';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { makeScenario } from '../helpers/scenario.js';

const TSHARK = process.env.FUOTA_SIM_TSHARK ?? 'tshark';
const hasTshark = spawnSync(TSHARK, ['-v'], { encoding: 'utf8' }).status === 0;
if (!hasTshark) process.stderr.write('notice: tshark (Wireshark) not found; the tests that open a capture with it are skipped. Install the tshark package to run them.\n');

const FIELDS = ['frame.number', 'loratap.channel.frequency', 'loratap.channel.sf', 'loratap.syncword', 'lorawan.mhdr.mtype', 'lorawan.fhdr.devaddr', 'lorawan.fhdr.fcnt', 'lorawan.fport', 'lorawan.mic.status', 'lorawan.frmpayload_decrypted', '_ws.malformed'];
const near = { placement: { kind: 'disc' as const, radiusM: 800, centerM: [0, 0] as [number, number] } };

interface Run {
  s: ResolvedScenario;
  result: RunResult;
  pkg: FirmwarePackage;
  bytes: Buffer;
  file: string;
  keys: SessionKeys;
}

describe.skipIf(!hasTshark)('the frame capture in Wireshark (tshark)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuota-pcap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const multicast = makeScenario({
    devices: { count: 4, ...near },
    firmware: { sizeBytes: 1200, signature: 'ed25519' },
    fuotaTask: { fragmentSizeBytes: 100, redundancyPercent: 20 },
    setup: { mode: 'classA' },
    traffic: { uplinkIntervalS: 600, payloadBytes: 9 },
    completion: { statusRequest: true, repairRounds: 1 },
  });
  const unicast = makeScenario({ name: 'uni', devices: { count: 2, ...near }, firmware: { sizeBytes: 300 }, fuotaTask: { mode: 'unicast', fragmentSizeBytes: 48, fragIndex: 0 }, setup: { mode: 'classA' }, traffic: { uplinkIntervalS: 300 } });

  // runs and captures are made when a test first needs them (not while a skipped suite is collected)
  const made = new Map<string, Run>();
  function run(s: ResolvedScenario): Run {
    const have = made.get(s.name);
    if (have) return have;
    const c = frameCaptureOptions();
    let pkg: FirmwarePackage | null = null;
    const result = simulate(s, { ...c.options, onFinish: (ctx, campaign, p) => { pkg = p; c.options.onFinish(ctx, campaign, p); } });
    const bytes = Buffer.concat([...captureChunks(result, c.taken())]);
    const file = join(dir, `${s.name}.pcap`);
    writeFileSync(file, bytes);
    const r = { s, result, pkg: pkg!, bytes, file, keys: runKeys(result) };
    made.set(s.name, r);
    return r;
  }

  /** tshark's fields with the key table given as -o options, in whichever table form this Wireshark has. */
  function tsharkFields(r: Run): string[][] {
    for (const format of KEY_TABLE_FORMATS) {
      const lines = [...wiresharkKeyLines(r.keys, r.result.devices.count, format)].filter((l) => !l.startsWith('#'));
      const args = ['-r', r.file, ...lines.flatMap((l) => ['-o', `uat:${format}:${l.trim()}`]), '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f])];
      const p = spawnSync(TSHARK, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (p.status === 0) return p.stdout.trim().split('\n').map((l) => l.split('\t'));
      if (!/Invalid -o flag/.test(p.stderr)) throw new Error(`tshark failed: ${p.stderr}`);
    }
    throw new Error('this Wireshark accepts neither LoRaWAN key table form');
  }

  /** Every frame as Wireshark reads it against what the run sent; returns how many had a payload, and how many none. */
  function checkAll(r: Run): { withPayload: number; withoutFPort: number } {
    const rows = tsharkFields(r);
    const t = r.result.transmissions;
    const ours = readPcap(r.bytes);
    expect(rows.length).toBe(t.count);
    const byAddr = new Map([[r.keys.mcAddr, r.keys.multicast], ...Array.from({ length: r.result.devices.count }, (_, d) => [r.keys.devAddr(d), r.keys.device(d)] as const)]);
    let withPayload = 0;
    let withoutFPort = 0;
    for (let i = 0; i < t.count; i++) {
      const [num, freq, sf, sync, mtype, devaddr, fcnt, fport, mic, decrypted, malformed] = rows[i];
      expect(Number(num)).toBe(i + 1);
      expect([Number(freq), Number(sf), Number(sync)]).toEqual([t.frequencyHz[i], t.sf[i], 0x34]);
      if (TX_KINDS[t.kind[i]] === 'beacon') continue;
      const phy = ours[i].phyPayload;
      const view = new DataView(phy.buffer, phy.byteOffset);
      const addr = view.getUint32(1, true);
      const f = decodeDataFrame(phy, byAddr.get(addr)!, view.getUint16(6, true));
      expect(Number(mtype)).toBe(t.node[i] < 0 ? 2 : 3);
      expect(Number.parseInt(devaddr, 16)).toBe(addr);
      expect(Number(fcnt)).toBe(f.fCnt16);
      if (f.fPort === null) {
        // a data frame without FPort (an empty uplink): current Wireshark checks its MIC; 4.0 reads an
        // FPort from every data frame and flags these 12-byte frames as malformed
        withoutFPort++;
        expect(mic === '1' || malformed !== '', `frame ${i + 1}`).toBe(true);
        continue;
      }
      expect(mic, `frame ${i + 1}: Wireshark's MIC status (1 = good)`).toBe('1');
      expect(Number.parseInt(fport, 16)).toBe(f.fPort);
      expect(decrypted.replace(/:/g, ''), `frame ${i + 1}`).toBe(toHex(f.payload));
      withPayload++;
    }
    return { withPayload, withoutFPort };
  }

  it('decodes every frame of a multicast campaign: channel, header, MIC verified, payload decrypted to what was sent', () => {
    expect(checkAll(run(multicast)).withPayload).toBeGreaterThan(40);
  });

  it('decodes every frame of a unicast campaign, fragments under each device key and empty uplinks included', () => {
    const { withPayload, withoutFPort } = checkAll(run(unicast));
    expect(withPayload).toBeGreaterThan(20);
    expect(withoutFPort).toBeGreaterThan(0);
  });

  it('shows the image fragments, decrypted by Wireshark, equal to the TS004 encoder output', () => {
    const r = run(multicast);
    const rows = tsharkFields(r);
    const plan = fragmentPlan(r.pkg.payload.length, multicast.fuotaTask.fragmentSizeBytes, multicast.fuotaTask.redundancyPercent);
    const frags = encodeFragments(r.pkg.payload, multicast.fuotaTask.fragmentSizeBytes, plan.codedCount);
    const mc = `0x${r.keys.mcAddr.toString(16).padStart(8, '0')}`;
    let seen = 0;
    for (const row of rows) {
      if (row[5] !== mc || !row[9].startsWith('08')) continue;
      const hex = row[9].replace(/:/g, '');
      const indexAndN = Number.parseInt(hex.slice(4, 6) + hex.slice(2, 4), 16);
      const n = indexAndN & 0x3fff;
      expect(indexAndN >> 14).toBe(multicast.fuotaTask.fragIndex);
      expect(hex.slice(6)).toBe(toHex(frags[n - 1].data));
      seen++;
    }
    expect(seen).toBeGreaterThanOrEqual(plan.totalCount);
  });
});
