import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { simulate } from '../../src/sim/simulate.js';
import { runCli, tempDir } from '../sweep/helpers.js';

const dir = tempDir('import-cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const aws = (name: string) => join(import.meta.dirname, '..', 'sweep', 'fixtures', 'aws', name);

describe('fuota-sim import aws', () => {
  it('writes a scenario that loads and simulates the AWS campaign', async () => {
    const out = join(dir, 'campaign.json');
    const r = await runCli([
      'import', 'aws', '--fuota-task', aws('create-fuota-task.json'), '--multicast-group', aws('create-multicast-group.json'),
      '--session', aws('start-session.json'), '--firmware-size', '4096', '--devices', '30', '--out', out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}; simulate it with: fuota-sim run ${out}\n`);
    expect(r.stderr).toMatch(/note: fuotaTask.FragmentIntervalMS: 1500 ms → 2000 ms/);
    // AWS holds no positions: the notes name the stand-ins to fill in
    expect(r.stderr).toContain('note: no gateways given: the default, one gateway at (0, 0), stands in for yours; set gateways.positions');
    expect(r.stderr).toContain('note: no devices.placement given:');
    const { scenario } = loadScenarioFile(out);
    expect(scenario).toMatchObject({
      region: 'EU868',
      startTime: '2026-04-01T10:00:00Z',
      firmware: { sizeBytes: 4096 },
      fuotaTask: { redundancyPercent: 25, fragmentSizeBytes: 200, fragmentIntervalMs: 2000, descriptor: '01020304', fragIndex: 1 },
      multicastGroup: { dlClass: 'ClassB', dlDr: 5, pingSlotPeriod: 64, transmissionIntervalMs: 500, sessionStart: '2026-04-01T10:30:00Z' },
      devices: { count: 30 },
    });
    const result = simulate(scenario);
    expect(result.summary.devices).toBe(30);
    expect(result.summary.fragmentSizeBytes).toBe(200);
    // the whole image travels in 200-byte fragments, with RedundancyPercent 25 of coded ones on top
    expect(result.summary.nbFrag * 200).toBeGreaterThanOrEqual(4096);
    expect(result.summary.fragmentsCoded).toBe(Math.ceil((result.summary.nbFrag * 25) / 100));
  });

  it('starts the simulation --lead-time seconds before the booked session, and refuses a lead that is not seconds', async () => {
    const base = ['import', 'aws', '--fuota-task', aws('create-fuota-task.json'), '--multicast-group', aws('create-multicast-group.json'), '--session', aws('start-session.json')];
    const r = await runCli([...base, '--lead-time', '7200']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ startTime: '2026-04-01T08:30:00Z', multicastGroup: { sessionStart: '2026-04-01T10:30:00Z' } });
    const bad = await runCli([...base, '--lead-time', '-5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--lead-time: -5 is out of range; allowed: an integer 0\.\.172800/);
  });

  it('prints the scenario on standard output without --out', async () => {
    const r = await runCli(['import', 'aws', '--fuota-task', aws('create-fuota-task.json'), '--multicast-group', aws('get-multicast-group.json')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'water-meters-v1.4', multicastGroup: { dlClass: 'ClassC' }, devices: { count: 240 } });
  });

  it('reports an unsupported region and an unreadable file with exit 2', async () => {
    const task = JSON.parse(readFileSync(aws('create-fuota-task.json'), 'utf8'));
    const cn = join(dir, 'cn470.json');
    writeFileSync(cn, JSON.stringify({ ...task, LoRaWAN: { RfRegion: 'CN470' } }));
    const group = join(dir, 'group-cn.json');
    writeFileSync(group, JSON.stringify({ LoRaWAN: { RfRegion: 'CN470', DlClass: 'ClassC' } }));
    const r = await runCli(['import', 'aws', '--fuota-task', cn, '--multicast-group', group]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/LoRaWAN.RfRegion: "CN470" is an AWS region fuota-sim does not simulate \(supported: EU868, US915, AU915, AS923-1, IN865\)/);
    const missing = await runCli(['import', 'aws', '--fuota-task', join(dir, 'nope.json'), '--multicast-group', group]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--fuota-task .*nope.json: cannot read it \(ENOENT/);
  });

  it('refuses settings the scenario rules reject, e.g. a fragment too large for the data rate', async () => {
    const task = JSON.parse(readFileSync(aws('create-fuota-task.json'), 'utf8'));
    const big = join(dir, 'big-frag.json');
    writeFileSync(big, JSON.stringify({ ...task, FragmentSizeBytes: 240 }));
    const r = await runCli(['import', 'aws', '--fuota-task', big, '--multicast-group', aws('create-multicast-group.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the AWS settings do not make a valid scenario:[\s\S]*fragmentSizeBytes/);
  });
});
