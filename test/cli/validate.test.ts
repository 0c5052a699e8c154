import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/app.js';
import { scenarioFieldTable } from '../../src/scenario/docs.js';
import { scenarioJsonSchemaText } from '../../src/scenario/json-schema.js';
import { repoRoot } from '../helpers/shared.js';
import { tempDirWith } from '../scenario/helpers.js';

/** Runs the CLI and captures exit code, stdout and stderr. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const before = process.exitCode;
  try {
    const code = await main(args);
    return {
      code,
      out: out.mock.calls.map((c) => String(c[0])).join(''),
      err: err.mock.calls.map((c) => String(c[0])).join(''),
    };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = before;
  }
}

describe('fuota-sim validate', () => {
  it('prints ok for each valid file, with the size of a sweep', async () => {
    const dir = join(repoRoot, 'scenarios');
    const r = await cli(['validate', join(dir, 'default.json'), join(dir, 'sweep-class-redundancy.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`ok: ${join(dir, 'default.json')}\nok: ${join(dir, 'sweep-class-redundancy.json')} (sweep of 8 points)\n`);
  });

  it('notes on standard error the deployment fields a valid file leaves to the defaults', async () => {
    const dir = tempDirWith({ 'minimal.json': '{"name":"minimal"}', 'placed.json': '{"name":"placed","gateways":{"positions":[[0,0]]},"devices":{"placement":{"kind":"disc","radiusM":900}}}' });
    const r = await cli(['validate', join(dir, 'minimal.json'), join(dir, 'placed.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`ok: ${join(dir, 'minimal.json')}\nok: ${join(dir, 'placed.json')}\n`);
    expect(r.err).toBe(
      `note: ${join(dir, 'minimal.json')}: no gateways given: the default, one gateway at (0, 0), stands in for yours; set gateways.positions (or gateways.count and gateways.placement)\n` +
        `note: ${join(dir, 'minimal.json')}: no devices.placement given: the devices are spread over a disc of radius 3000 m around (0, 0), a stand-in for your fleet's positions (a list, or a csv file)\n`,
    );
  });

  it('passes on every example, as the help suggests (validate scenarios/*.json), skipping the JSON Schema beside them', async () => {
    const dir = join(repoRoot, 'scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
    expect(files).toContain(join(dir, 'schema.json'));
    const r = await cli(['validate', ...files]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`skipped: ${join(dir, 'schema.json')} (a JSON Schema, not a scenario)\n`);
    expect(r.out.split('\n').filter((l) => l.startsWith('ok: '))).toHaveLength(files.length - 1);
    // every other command says what the file is
    const run = await cli(['run', join(dir, 'schema.json'), '--quiet']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/is a JSON Schema \(the schema of scenario files, for editors\), not a scenario/);
  });

  it('reports schema problems and rules between fields in one pass', async () => {
    const dir = tempDirWith({ 'both.json': '{ "fooBar": 1, "multicastGroup": { "dlDr": 7 } }' });
    const r = await cli(['validate', join(dir, 'both.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/2 problems\n  fooBar: unknown field;.*\n  multicastGroup\.dlDr: 7 is FSK, which the simulator does not model/);
  });

  it('lists every problem of every bad file and exits 2 without a stack trace', async () => {
    const dir = tempDirWith({
      'good.yaml': 'seed: 3\ngateways: { positions: [[0, 0]] }\ndevices: { placement: { kind: disc, radiusM: 500 } }\n',
      'bad.json': '{ "fuotaTask": { "fec": "v3" }, "multicastGroup": { "pingSlotPeriod": 100 } }',
      'worse.json': '{ "devices": { "cnt": 5 } }',
    });
    const r = await cli(['validate', join(dir, 'good.yaml'), join(dir, 'bad.json'), join(dir, 'worse.json')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe(`ok: ${join(dir, 'good.yaml')}\n`);
    expect(r.err).toBe(
      `fuota-sim: ${join(dir, 'bad.json')}: 2 problems\n` +
        '  fuotaTask.fec: "v3" is not allowed; allowed: "v1", "v2"\n' +
        '  multicastGroup.pingSlotPeriod: 100 is not a power of two between 32 and 4096\n' +
        `${join(dir, 'worse.json')}: 1 problem\n` +
        '  devices.cnt: unknown field; did you mean "count"?\n',
    );
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('prints the resolved scenario with --resolved', async () => {
    const dir = tempDirWith({ 's.json': '{ "region": "US915" }' });
    const r = await cli(['validate', '--resolved', join(dir, 's.json')]);
    expect(r.code).toBe(0);
    const resolved = JSON.parse(r.out);
    expect(resolved).toMatchObject({ name: 's', region: 'US915', multicastGroup: { dlDr: 13, dlFreq: 923_300_000 } });
  });

  it('prints the resolved points of a sweep with --resolved', async () => {
    const dir = tempDirWith({ 's.json': '{ "sweep": { "seed": [5, 6] } }' });
    const r = await cli(['validate', '--resolved', join(dir, 's.json')]);
    const points = JSON.parse(r.out) as Array<{ index: number; values: object; scenario: { seed: number } }>;
    expect(points.map((p) => [p.index, p.values, p.scenario.seed])).toEqual([[0, { seed: 5 }, 5], [1, { seed: 6 }, 6]]);
  });
});

describe('fuota-sim schema', () => {
  it('prints the JSON Schema, or the field table with --markdown', async () => {
    expect((await cli(['schema'])).out).toBe(scenarioJsonSchemaText());
    expect((await cli(['schema', '--markdown'])).out).toBe(scenarioFieldTable());
  });

  it('writes the schema and refreshes the field table of a document with --write', async () => {
    const dir = tempDirWith({ 'doc.md': 'A\n<!-- fields:begin (generated by `fuota-sim schema --markdown`; do not edit) -->\nOLD-TABLE-TEXT\n<!-- fields:end -->\nB\n' });
    const r = await cli(['schema', '--write', '--file', join(dir, 'schema.json'), '--docs', join(dir, 'doc.md')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'schema.json'), 'utf8')).toBe(scenarioJsonSchemaText());
    const doc = readFileSync(join(dir, 'doc.md'), 'utf8');
    expect(doc).toContain('| `fuotaTask.redundancyPercent` | integer 0..100 | 10 |');
    expect(doc).not.toContain('OLD-TABLE-TEXT');
  });
});
