import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenarioFile, parseScenarioText } from '../../src/scenario/load.js';
import { tempDirWith } from './helpers.js';

function loadError(path: string): ScenarioError {
  try {
    loadScenarioFile(path);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return err as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

describe('loadScenarioFile', () => {
  it('reads JSON and YAML to the same resolved scenario', () => {
    const dir = tempDirWith({
      'a.json': '{ "name": "same", "seed": 4, "fuotaTask": { "redundancyPercent": 20 } }',
      'b.yaml': 'name: same\nseed: 4\nfuotaTask:\n  redundancyPercent: 20 # percent\n',
    });
    const a = loadScenarioFile(join(dir, 'a.json'));
    const b = loadScenarioFile(join(dir, 'b.yaml'));
    expect(b.scenario).toEqual(a.scenario);
    expect(a.scenario.fuotaTask.redundancyPercent).toBe(20);
    expect(a.raw).toEqual({ name: 'same', seed: 4, fuotaTask: { redundancyPercent: 20 } });
    expect(a.baseDir).toBe(dir);
  });

  it('resolves file paths against the scenario file and names the scenario after it', () => {
    const dir = tempDirWith({ 'Rural Test.json': '{ "firmware": { "file": "fw.bin" } }', 'fw.bin': new Uint8Array(321) });
    const { scenario } = loadScenarioFile(join(dir, 'Rural Test.json'));
    expect(scenario.name).toBe('rural-test');
    expect(scenario.firmware).toMatchObject({ file: join(dir, 'fw.bin'), sizeBytes: 321 });
  });

  it('replaces the seed with an override, in the raw input too', () => {
    const dir = tempDirWith({ 's.json': '{ "seed": 4 }' });
    const loaded = loadScenarioFile(join(dir, 's.json'), { seed: 99 });
    expect(loaded.scenario.seed).toBe(99);
    expect(loaded.raw).toEqual({ seed: 99 });
  });

  it('reports JSON syntax errors with line and column', () => {
    const dir = tempDirWith({ 'bad.json': '{\n  "seed": 1\n  "name": "x"\n}\n' });
    const err = loadError(join(dir, 'bad.json'));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(/^not valid JSON \(line 3, column 3\): /);
    expect(err.message.split('\n')[0]).toBe(`${join(dir, 'bad.json')}: 1 problem`);
  });

  it('reports YAML syntax errors with their line', () => {
    const dir = tempDirWith({ 'bad.yml': 'seed: 1\nfuotaTask:\n  fec: v1\n   mode: x\n' });
    expect(loadError(join(dir, 'bad.yml')).problems[0]).toMatch(/^not valid YAML \(line 3, column 8\): Nested mappings/);
  });

  it('reports a missing file as a scenario problem', () => {
    const err = loadError('/nonexistent/x.json');
    expect(err.problems).toEqual(['cannot read the scenario file (ENOENT: no such file or folder)']);
    expect(err.exitCode).toBe(2);
  });

  it('prefixes schema problems with the file name', () => {
    const dir = tempDirWith({ 'p.json': '{ "fuotaTask": { "fec": "v3" } }' });
    expect(loadError(join(dir, 'p.json')).message).toBe(
      `${join(dir, 'p.json')}: 1 problem\n  fuotaTask.fec: "v3" is not allowed; allowed: "v1", "v2"`,
    );
  });
});

describe('parseScenarioText', () => {
  it('takes JSON for text starting with a brace and YAML otherwise when the extension says nothing', () => {
    expect(parseScenarioText('{"seed": 2}', 'x.scenario')).toEqual({ seed: 2 });
    expect(parseScenarioText('seed: 2\n', 'x.scenario')).toEqual({ seed: 2 });
  });
});
