import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunResults } from '../../src/output/results.js';
import { DEVICE_STATUSES, REASONS, SUMMARY_COLUMNS, SUMMARY_METRICS } from '../../src/sim/types.js';
import { sampleResult } from './sampleResult.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'fuota-results-'));
const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');

describe('writeRunResults', () => {
  it('writes the contract files and returns their paths in order', async () => {
    const out = join(fresh(), 'run');
    const files = await writeRunResults(out, sampleResult(), { force: false, trace: false });
    expect(files.map((f) => f.slice(out.length + 1))).toEqual([
      'scenario.resolved.json', 'summary.json', 'summary.csv', 'completion.csv', 'devices.csv', 'series.json', 'dutycycle.csv', 'timing.json',
    ]);
    // and the marker that lists them (output/marker.ts)
    expect(readdirSync(out).sort()).toEqual([...files.map((f) => f.slice(out.length + 1)), '.fuota-sim.json'].sort());
  });

  it('stores the summary metrics in their stable order with rounded numbers and nulls', async () => {
    const out = join(fresh(), 'run');
    await writeRunResults(out, sampleResult(), { force: false, trace: false });
    const summary = JSON.parse(read(out, 'summary.json')) as Record<string, unknown>;
    const keys: string[] = [...SUMMARY_METRICS];
    keys.splice(keys.indexOf('devicesRebuilt') + 1, 0, 'statusCounts');
    keys.splice(keys.indexOf('timeToAllFromSessionS') + 1, 0, 'reasons');
    expect(Object.keys(summary)).toEqual(keys);
    expect(Object.keys(summary.reasons as object)).toEqual([...REASONS]);
    expect(summary.reasons).toMatchObject({ missingFragments: 1, outOfReach: 0 });
    expect(Object.keys(summary.statusCounts as object)).toEqual([...DEVICE_STATUSES]);
    expect(summary.statusCounts).toMatchObject({ Initial: 0, MissingFrag: 1, Successful: 2 });
    expect(summary.updatedRatio).toBe(0.666667);
    expect(summary.timeTo90S).toBeNull();
    expect(summary.downlinkAirtimeS).toBe(2.366976);
    const [head, row] = read(out, 'summary.csv').trim().split('\n');
    // name and seed first, so that the summary.csv of single runs concatenate; the status counts as columns
    expect(head.split(',')).toEqual(['name', 'seed', ...SUMMARY_COLUMNS]);
    expect(head).toContain('devicesRebuilt,statusInitial,statusPackage_Not_Supported,');
    expect(row).toBe(
      'sample-town,7,3,2,0.666667,0,7.5,9.25,5.5,,,,,5,1,6,200,0,2.366976,0.1,0.000657493,0,0.123457,0.2,0.2,2,0,,42,' +
        '2,0,0,0,0,0,0,0,1,0,0,2,1,0,1,0,0,0,4.5,,,,' +
        ',0,0,0,0,0,0,1,,,100',
    );
    expect(head).toContain('timeToAllFromSessionS,reasonDeviceRefused,reasonNoCoverage,reasonNotConfirmed,reasonSetupTooLate,reasonSetupFailed,reasonOutOfReach,reasonMissingFragments,reachDr,');
  });

  it('writes the completion curve: one row per rebuild time, from the campaign and from the session start', async () => {
    const out = join(fresh(), 'run');
    await writeRunResults(out, sampleResult(), { force: false, trace: false });
    // the two Successful devices rebuilt at 5.5 s and 7.000001 s; the session started at 1 s; 3 devices
    expect(read(out, 'completion.csv')).toBe('timeS,fromSessionS,devicesRebuilt,share\n5.5,4.5,1,0.333333\n7.000001,6.000001,2,0.666667\n');
  });

  it('adds the simulator version to the resolved scenario and keeps wall time only in timing.json', async () => {
    const out = join(fresh(), 'run');
    await writeRunResults(out, sampleResult(), { force: false, trace: false });
    const resolved = JSON.parse(read(out, 'scenario.resolved.json')) as Record<string, unknown>;
    expect(resolved.simulatorVersion).toBe('0.1.0');
    expect(resolved.name).toBe('sample-town');
    expect(JSON.parse(read(out, 'timing.json'))).toEqual({ wallTimeS: 0.25, peakRssBytes: 123456789 });
    for (const name of readdirSync(out).filter((n) => n !== 'timing.json')) expect(read(out, name)).not.toContain('wallTimeS');
  });

  it('writes transmissions.csv with --trace and leaves devices.csv out when outputs.devices is off', async () => {
    const out = join(fresh(), 'run');
    const result = sampleResult();
    result.scenario.outputs.devices = false;
    await writeRunResults(out, result, { force: false, trace: true });
    const names = readdirSync(out);
    expect(names).toContain('transmissions.csv');
    expect(names).not.toContain('devices.csv');
    expect(read(out, 'transmissions.csv').split('\n')).toHaveLength(5);
  });

  it('gives byte-identical files except timing.json for the same result written twice', async () => {
    const a = join(fresh(), 'a');
    const b = join(fresh(), 'b');
    await writeRunResults(a, sampleResult(), { force: false, trace: true });
    const second = sampleResult();
    second.timing = { wallTimeS: 9.5, peakRssBytes: 1 };
    await writeRunResults(b, second, { force: false, trace: true });
    for (const name of readdirSync(a)) {
      if (name === 'timing.json') expect(read(b, name)).not.toBe(read(a, name));
      else expect(read(b, name)).toBe(read(a, name));
    }
  });

  it('refuses to overwrite a finished result without force and replaces it with force', async () => {
    const out = join(fresh(), 'run');
    await writeRunResults(out, sampleResult(), { force: false, trace: false });
    await expect(writeRunResults(out, sampleResult(), { force: false, trace: false })).rejects.toThrow(/--force/);
    const result = sampleResult();
    result.summary.events = 99;
    await writeRunResults(out, result, { force: true, trace: false });
    expect(JSON.parse(read(out, 'summary.json')).events).toBe(99);
  });

  it('writes the duty-cycle bins with the sub-band limit from the region table and the completion steps the plots redraw from', async () => {
    const out = join(fresh(), 'run');
    await writeRunResults(out, sampleResult(), { force: false, trace: false });
    expect(read(out, 'dutycycle.csv')).toBe(
      'gateway,subBand,limit,binStartS,airtimeS\n0,P,0.1,0,0.394496\n0,P,0.1,5,0.788992\n1,P,0.1,0,0\n1,P,0.1,5,1.183488\n',
    );
    const series = JSON.parse(read(out, 'series.json'));
    expect(series.completion).toEqual([
      { timeS: 0, share: 0 },
      { timeS: 5.5, share: 0.333333 },
      { timeS: 7.000001, share: 0.666667 },
      { timeS: 9.25, share: 0.666667 },
    ]);
    expect(series.dutyCycleBinS).toBe(5);
    expect(series.phases).toHaveLength(3);
  });
});
