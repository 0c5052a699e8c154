import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { expandSweep } from '../../src/scenario/sweep.js';
import { repoRoot } from '../helpers/shared.js';

const dir = join(repoRoot, 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json').sort();

describe('the example scenarios', () => {
  it('include the documented set', () => {
    expect(files).toEqual(expect.arrayContaining([
      'as923-dwell.json', 'default.json', 'eu868-classb.json', 'eu868-rural-dr0.json', 'mixed-fleet.json',
      'sweep-class-redundancy.json', 'us915-classc.json',
    ]));
  });

  it.each(files)('%s is valid, points at the schema, explains itself and is named after its file', (file) => {
    const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    expect(raw.$schema).toBe('./schema.json');
    const { scenario, baseDir } = loadScenarioFile(join(dir, file));
    expect(scenario.description.length).toBeGreaterThan(80);
    expect(scenario.name).toBe(file.replace(/\.json$/, ''));
    const points = expandSweep(raw, { baseDir, sourceName: file });
    expect(points.length).toBeGreaterThanOrEqual(1);
  });

  it('default.json is the EU868 town of the quick start', () => {
    const s = loadScenarioFile(join(dir, 'default.json')).scenario;
    expect({
      region: s.region, devices: s.devices.count, gateways: s.gateways.positions.length, dlClass: s.multicastGroup.dlClass,
      dlDr: s.multicastGroup.dlDr, dlFreq: s.multicastGroup.dlFreq, sizeBytes: s.firmware.sizeBytes, signature: s.firmware.signature,
      redundancy: s.fuotaTask.redundancyPercent, burst: s.channel.burst,
    }).toEqual({
      region: 'EU868', devices: 1000, gateways: 3, dlClass: 'ClassC', dlDr: 5, dlFreq: 869_525_000, sizeBytes: 262_144,
      signature: 'ecdsa-p256', redundancy: 10,
      burst: { model: 'gilbert-elliott', meanBurstS: 7, meanGapS: 140, lossGood: 0, lossBad: 0.8 },
    });
    // the gateways stagger their copies by more than a fragment's airtime (394.5 ms at DR5), so copies never overlap
    expect(s.multicastGroup.transmissionIntervalMs).toBeGreaterThanOrEqual(1000);
  });

  it('sweep-class-redundancy.json expands to class B and C × 5, 10, 20, 40 % with three replications', () => {
    const path = join(dir, 'sweep-class-redundancy.json');
    const { raw, scenario, baseDir } = loadScenarioFile(path);
    const points = expandSweep(raw, { baseDir });
    expect(points.map((p) => `${p.scenario.multicastGroup.dlClass}/${p.scenario.fuotaTask.redundancyPercent}`)).toEqual([
      'ClassB/5', 'ClassB/10', 'ClassB/20', 'ClassB/40', 'ClassC/5', 'ClassC/10', 'ClassC/20', 'ClassC/40',
    ]);
    expect(scenario.replications).toBe(3);
  });

  it('mixed-fleet.json gives every setup failure a share under TS004 v2', () => {
    const s = loadScenarioFile(join(dir, 'mixed-fleet.json')).scenario;
    expect(s.fuotaTask.fec).toBe('v2');
    expect(Object.values(s.devices.mix).every((share) => (share ?? 0) > 0)).toBe(true);
    expect(Object.keys(s.devices.mix)).toHaveLength(8);
  });
});
