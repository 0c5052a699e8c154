import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors.js';
import { plotDataFromResult } from '../../src/output/plotData.js';
import { parseDeviceRows, readRunResults } from '../../src/output/read.js';
import { writeRunResults } from '../../src/output/results.js';
import { sampleResult } from './sampleResult.js';

async function written(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'fuota-read-')), 'run');
  await writeRunResults(dir, sampleResult(), { force: false, trace: false });
  return dir;
}

describe('readRunResults', () => {
  it('rebuilds the plot data the run had in memory, and the report facts', async () => {
    const { input, data } = await readRunResults(await written());
    expect(data).toEqual(plotDataFromResult(sampleResult()));
    expect(input.simulatorVersion).toBe('0.1.0');
    expect(input.scenario).not.toHaveProperty('simulatorVersion');
    expect(input.summary.timeTo90S).toBeNull();
  });

  it('names the missing file of an incomplete folder (exit code 2)', async () => {
    const dir = await written();
    rmSync(join(dir, 'series.json'));
    const err = await readRunResults(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toMatch(/series\.json is missing/);
  });

  it('says which file is not JSON', async () => {
    const dir = await written();
    writeFileSync(join(dir, 'summary.json'), '{oops');
    await expect(readRunResults(dir)).rejects.toThrow(/summary\.json: not valid JSON \(line 1, column 2\)/);
  });

  it('refuses a devices.csv without the plot columns', () => {
    expect(() => parseDeviceRows('device,x\n0,1\n')).toThrow(/no column y/);
  });
});
