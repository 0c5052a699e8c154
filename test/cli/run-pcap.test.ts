import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';
import { readPcap } from '../../src/output/pcap-format.js';

const dir = mkdtempSync(join(tmpdir(), 'fuota-run-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = join(dir, 'small.json');
writeFileSync(
  scenario,
  JSON.stringify({
    name: 'small',
    firmware: { sizeBytes: 800, signature: 'ecdsa-p256' },
    devices: { count: 3, placement: { kind: 'disc', radiusM: 300 } },
    traffic: { uplinkIntervalS: 600, payloadBytes: 5 },
    outputs: { plots: false, report: false },
  }),
);

describe('fuota-sim run --pcap', () => {
  it('writes the capture and both Wireshark key tables, with as many frames as transmissions.csv rows', async () => {
    const pcap = join(dir, 'a.pcap');
    const r = await cli(['run', scenario, '--out', join(dir, 'a'), '--quiet', '--trace', '--pcap', pcap]);
    expect(r.code).toBe(0);
    const packets = readPcap(readFileSync(pcap));
    const rows = readFileSync(join(dir, 'a', 'transmissions.csv'), 'utf8').trim().split('\n').length - 1;
    expect(packets.length).toBe(rows);
    expect(readFileSync(`${pcap}.session_keys_lorawan`, 'utf8').trim().split('\n')).toHaveLength(1 + 1 + 3);
    expect(readFileSync(`${pcap}.encryption_keys_lorawan`, 'utf8')).toMatch(/^"efcdab01",/m);
    expect(r.out).toBe('');
  });

  it('gives the same bytes on another run, refuses to overwrite without --force (exit 2), and replaces with it', async () => {
    const a = join(dir, 'b.pcap');
    expect((await cli(['run', scenario, '--out', join(dir, 'b1'), '--quiet', '--pcap', a])).code).toBe(0);
    const first = readFileSync(a);
    const refused = await cli(['run', scenario, '--out', join(dir, 'b2'), '--quiet', '--pcap', a]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--pcap: .*b\.pcap already exists; pass --force/);
    expect(existsSync(join(dir, 'b2'))).toBe(false); // refused before running
    expect((await cli(['run', scenario, '--out', join(dir, 'b2'), '--quiet', '--force', '--pcap', a])).code).toBe(0);
    expect(readFileSync(a).equals(first)).toBe(true);
  });

  it('refuses a scenario with replications: a capture records one run', async () => {
    const rep = join(dir, 'rep.json');
    writeFileSync(rep, JSON.stringify({ ...JSON.parse(readFileSync(scenario, 'utf8')), name: 'rep', replications: 2 }));
    const r = await cli(['run', rep, '--out', join(dir, 'rep'), '--quiet', '--pcap', join(dir, 'rep.pcap')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--pcap: .* 2 replications/);
    expect(existsSync(join(dir, 'rep.pcap'))).toBe(false);
  });

  it('explains --pcap in run --help', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined); // yargs prints help with console.log
    try {
      await cli(['run', '--help']);
      const help = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(help).toMatch(/--pcap +also write every radio frame as a real LoRaWAN frame/);
      expect(help).toMatch(/Wireshark/);
    } finally {
      log.mockRestore();
    }
  });
});
