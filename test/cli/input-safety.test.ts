/**
 * One test per cause of harm found by fuzzing the command line (data loss, stack traces, missing
 * limits, unsafe messages, trust without checking), so that none comes back. Every case ends in
 * exit 0 or one clear message and exit 2 (1 only for a real regression), with no stack trace and
 * nothing touched outside the output folder. Most run in this process; the ones about the working
 * folder and Node's own warnings run the built CLI (dist/, built by `npm test`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';
import { runCli, tempDir, type CliRun } from '../sweep/helpers.js';

const mainJs = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
const built = existsSync(mainJs);

/** A clean failure: exit 2, one message, no stack trace, nothing that would act on a terminal. */
function expectClean(r: CliRun, message: RegExp, code = 2): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at |Warning:/);
  // eslint-disable-next-line no-control-regex
  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
}

const small = (extra: Record<string, unknown> = {}): string => JSON.stringify({
  devices: { count: 5, placement: { kind: 'disc', radiusM: 300 } },
  firmware: { sizeBytes: 2048, signature: 'none' },
  setup: { mode: 'instant' },
  outputs: { plots: false, report: false },
  ...extra,
});

function spawnCli(args: string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [mainJs, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('data loss: nothing outside the output folder is touched', () => {
  it('refuses a scenario named ".." with --force and keeps the working folder', () => {
    const cwd = tempDir('safety-dotdot');
    writeFileSync(join(cwd, 'evil.json'), small({ name: '..' }));
    writeFileSync(join(cwd, 'keep.txt'), 'mine');
    for (const cmd of ['run', 'sweep']) {
      const r = spawnCli([cmd, 'evil.json', '--force', '--quiet'], cwd);
      expectClean(r, /name: "\.\." does not follow the name rule/);
    }
    expect(readdirSync(cwd).sort()).toEqual(['evil.json', 'keep.txt']);
  });

  it('refuses --out . and --out .. with --force, whatever the scenario', () => {
    const cwd = tempDir('safety-cwd');
    writeFileSync(join(cwd, 's.json'), small({ name: 'ok' }));
    for (const out of ['.', '..']) {
      expectClean(spawnCli(['run', 's.json', '--out', out, '--force', '--quiet'], cwd), /working folder or a folder above it/);
      expectClean(spawnCli(['sweep', 's.json', '--out', out, '--force', '--quiet'], cwd), /working folder or a folder above it/);
    }
    expect(readdirSync(cwd)).toEqual(['s.json']);
  });

  it('gives a file named "...json" without a name a safe default name', async () => {
    const dir = tempDir('safety-dots');
    writeFileSync(join(dir, '...json'), small());
    const r = await runCli(['validate', join(dir, '...json'), '--resolved']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).name).toBe('scenario');
  });

  it.each(['.', '...', 'con', 'nul', 'com1.x', '-rf', '.tmp-x-1-deadbeef', 'a/b', 'a.'])('refuses the name %j', async (name) => {
    const dir = tempDir('safety-name');
    writeFileSync(join(dir, 's.json'), small({ name }));
    expectClean(await runCli(['validate', join(dir, 's.json')]), /name: .* allowed: 1\.\.64 characters/);
  });

  it('never replaces a file given as --out, even with --force', async () => {
    const dir = tempDir('safety-file');
    writeFileSync(join(dir, 's.json'), small({ name: 'ok' }));
    writeFileSync(join(dir, 'precious.txt'), 'mine');
    expectClean(await runCli(['run', join(dir, 's.json'), '--out', join(dir, 'precious.txt'), '--force', '--quiet']), /is a file; .*never replaces a file/);
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('mine');
  });

  it('replaces with --force only a folder fuota-sim wrote', async () => {
    const dir = tempDir('safety-force');
    writeFileSync(join(dir, 's.json'), small({ name: 'ok' }));
    mkdirSync(join(dir, 'thesis'));
    writeFileSync(join(dir, 'thesis', 'chapter1.tex'), 'mine');
    expectClean(await runCli(['run', join(dir, 's.json'), '--out', join(dir, 'thesis'), '--force', '--quiet']), /not written by fuota-sim/);
    expectClean(await runCli(['sweep', join(dir, 's.json'), '--out', join(dir, 'thesis'), '--force', '--quiet']), /not written by fuota-sim/);
    expect(readdirSync(join(dir, 'thesis'))).toEqual(['chapter1.tex']);
    const out = join(dir, 'ours');
    expect((await runCli(['run', join(dir, 's.json'), '--out', out, '--quiet'])).code).toBe(0);
    expect((await runCli(['run', join(dir, 's.json'), '--out', out, '--quiet', '--force'])).code).toBe(0);
  });
});

describe('output problems are found before the simulation starts', () => {
  it.each([
    ['under a file', (dir: string) => join(dir, 'file', 'out'), /is a file, so no folder can be made under it/],
    ['in /proc', () => '/proc/fuota-sim-out', /cannot write in \/proc/],
  ])('refuses an --out %s at once', async (_what, out, message) => {
    const dir = tempDir('safety-out');
    writeFileSync(join(dir, 'file'), 'x');
    // a campaign that would take long: the refusal must come first
    writeFileSync(join(dir, 's.json'), JSON.stringify({ name: 'slow', devices: { count: 20_000 } }));
    expectClean(await runCli(['run', join(dir, 's.json'), '--out', out(dir), '--quiet']), message);
  });
});

describe('stack traces: each cause is now a clean message', () => {
  const dir = tempDir('safety-causes');
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('YAML with more than 100 alias uses', async () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 8; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    expectClean(await runCli(['validate', file('bomb.yaml', text)]), /aliases \(\*name\) expand to more than 100 times/);
  });

  it('values nested 5 000 deep, in a field and in a sweep value', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expectClean(await runCli(['validate', file('deep.json', `{"description": ${deep}}`)]), /nested more than 64 deep/);
    expectClean(await runCli(['run', file('deep-sweep.json', `{"sweep": {"seed": [${deep}]}}`), '--quiet']), /nested more than 64 deep/);
    expectClean(await runCli(['validate', file('deep.yaml', `sweep:\n  seed: [${deep}]\n`)]), /nested more than 64 deep/);
  });

  it('__proto__ as a sweep key or inside a sweep path', async () => {
    expectClean(await runCli(['validate', file('proto.json', '{"sweep": {"__proto__": [1, 2]}}')]), /the key "__proto__" is not allowed/);
    expectClean(await runCli(['sweep', file('proto-path.json', '{"sweep": {"devices.__proto__.count": [1, 2]}}'), '--quiet']), /sweep\["devices\.__proto__\.count"\]: the key "__proto__" is not allowed/);
    expectClean(await runCli(['validate', file('ctor.json', '{"sweep": {"fuotaTask.constructor": [1]}}')]), /the key "constructor" is not allowed/);
  });

  it('--resume with a truncated sweep.json, and with a run summary that is not JSON', async () => {
    const scenario = file('resumable.json', small({ name: 'resumable', sweep: { 'fuotaTask.redundancyPercent': [10, 20] } }));
    const out = join(dir, 'resumable-out');
    expect((await runCli(['sweep', scenario, '--out', out, '--workers', '1', '--quiet', '--no-plots'])).code).toBe(0);
    writeFileSync(join(out, 'runs', 'p00-r0', 'summary.json'), 'not json at all');
    const resumed = await runCli(['sweep', scenario, '--out', out, '--workers', '1', '--quiet', '--no-plots', '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/ran 1 \(1 already complete, 1 incomplete run folder\(s\) redone\)/);
    writeFileSync(join(out, 'sweep.json'), readFileSync(join(out, 'sweep.json'), 'utf8').slice(0, 50));
    expectClean(await runCli(['sweep', scenario, '--out', out, '--workers', '1', '--quiet', '--resume']), /sweep\.json: not valid JSON \(line \d+, column \d+\)/);
  });

  it('merge with a shard run lacking summary.json', async () => {
    const scenario = file('shardable.json', small({ name: 'shardable', sweep: { 'fuotaTask.redundancyPercent': [10, 20] } }));
    const a = join(dir, 'shard-a');
    const b = join(dir, 'shard-b');
    expect((await runCli(['sweep', scenario, '--shard', '1/2', '--out', a, '--workers', '1', '--quiet'])).code).toBe(0);
    expect((await runCli(['sweep', scenario, '--shard', '2/2', '--out', b, '--workers', '1', '--quiet'])).code).toBe(0);
    const [runId] = readdirSync(join(a, 'runs'));
    rmSync(join(a, 'runs', runId, 'summary.json'));
    expectClean(await runCli(['merge', a, b, '--out', join(dir, 'merged')]), new RegExp(`run ${runId} in .* is incomplete or damaged: summary\\.json is missing`));
    expect(existsSync(join(dir, 'merged'))).toBe(false);
  });

  it('compare on an unreadable file', async () => {
    mkdirSync(join(dir, 'not-a-file.json'));
    expectClean(await runCli(['compare', join(dir, 'not-a-file.json'), join(dir, 'not-a-file.json')]), /holds neither summary\.json nor summary\.csv/);
    expectClean(await runCli(['compare', file('empty.csv', ''), file('garbage.json', '\u0000\u0001')]), /garbage\.json: not valid JSON \(line 1, column 1\)/);
    expectClean(await runCli(['compare', file('garbage.json', '{}'), file('empty.csv', '')]), /empty\.csv: no runId column and not exactly one row/);
  });

  it.each([
    ['SessionStartTime 1e13', { LoRaWAN: { RfRegion: 'EU868' } }, { LoRaWAN: {} }, { LoRaWAN: { SessionStartTime: 1e13 } }, /SessionStartTime: 10000000000000 is out of range/],
    ['a negative StartTime', { LoRaWAN: { RfRegion: 'EU868', StartTime: -5 } }, { LoRaWAN: {} }, undefined, /StartTime: -5 is out of range/],
    ['an object as Name', { Name: { toString: 1 }, LoRaWAN: { RfRegion: 'EU868' } }, { Name: [1], LoRaWAN: {} }, undefined, null],
    ['an object as RfRegion', { LoRaWAN: { RfRegion: { toString: 1 } } }, { LoRaWAN: {} }, undefined, /RfRegion: \{"toString":1\} is not an AWS RfRegion/],
    ['a string as LoRaWAN', { LoRaWAN: 'EU868' }, { LoRaWAN: {} }, undefined, /fuotaTask\.LoRaWAN: expected a JSON object, got "EU868"/],
  ])('import aws with %s', async (_what, task, group, session, message) => {
    const args = ['import', 'aws', '--fuota-task', file('t.json', JSON.stringify(task)), '--multicast-group', file('g.json', JSON.stringify(group))];
    if (session) args.push('--session', file('s.json', JSON.stringify(session)));
    const r = await runCli(args);
    if (message === null) {
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).name).toBe('aws-import');
    } else {
      expectClean(r, message);
    }
  });

  it('import aws with deep nesting and with --out an existing folder', async () => {
    const group = file('g2.json', '{"LoRaWAN": {"RfRegion": "EU868"}}');
    const deep = file('deep-task.json', `{"Name": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expectClean(await runCli(['import', 'aws', '--fuota-task', deep, '--multicast-group', group]), /--fuota-task .*nested more than 64 deep/);
    mkdirSync(join(dir, 'existing'));
    expectClean(await runCli(['import', 'aws', '--fuota-task', group, '--multicast-group', group, '--out', join(dir, 'existing'), '--force']), /--out .*: is a folder/);
  });
});

describe('limits up front', () => {
  const dir = tempDir('safety-limits');

  it('refuses traffic.uplinkIntervalS 1e-7 with the field named', async () => {
    writeFileSync(join(dir, 'fast.json'), '{"traffic": {"uplinkIntervalS": 1e-7}}');
    expectClean(await runCli(['validate', join(dir, 'fast.json')]), /traffic\.uplinkIntervalS: 1e-7 is shorter than one class A cycle/);
  });

  it('refuses a sweep of 10^6 points and 10 000 replications × 100 points, unless --allow-large for what fuota-sim can hold', async () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => i);
    writeFileSync(join(dir, 'huge.json'), JSON.stringify({ sweep: { seed: list(1000), 'simulation.maxDurationS': list(1000).map((i) => 600_000 + i) } }));
    expectClean(await runCli(['validate', join(dir, 'huge.json')]), /sweep: 1e6 points \(1000 × 1000\), more than the 10000 a sweep may have without --allow-large/);
    writeFileSync(join(dir, 'reps.json'), JSON.stringify({ replications: 10_000, sweep: { seed: list(100) } }));
    expectClean(await runCli(['sweep', join(dir, 'reps.json'), '--quiet']), /replications: 10000 × 100 sweep points = 1e6 runs/);
  });

  it('lets a national fleet through with --allow-large only', async () => {
    writeFileSync(join(dir, 'national.json'), JSON.stringify({
      devices: { count: 1_000_000, placement: { kind: 'disc', radiusM: 50_000 } },
      gateways: { count: 100, placement: { kind: 'grid', spacingM: 10_000 } },
    }));
    expectClean(await runCli(['validate', join(dir, 'national.json')]), /device-frames.*--allow-large/);
    expect((await runCli(['validate', join(dir, 'national.json'), '--allow-large'])).code).toBe(0);
  });
});

describe('messages quote user text escaped, short and with positions', () => {
  const dir = tempDir('safety-messages');

  it('escapes ANSI sequences and newlines in unknown keys, and shortens a 1 MB key', async () => {
    writeFileSync(join(dir, 'evil.json'), JSON.stringify({ 'a\u001b[31mred': 1, 'x\nfuota-sim: all good': 2, ['k'.repeat(1_000_000)]: 3, '   ': 4 }));
    const r = await runCli(['validate', join(dir, 'evil.json')]);
    expectClean(r, /\["a\\u001b\[31mred"\]: unknown field/);
    expect(r.stderr).toMatch(/\["x\\nfuota-sim: all good"\]: unknown field/);
    expect(r.stderr).toMatch(/\["   "\]: unknown field/);
    expect(r.stderr.split('\n')).toHaveLength(6); // head, four problems, final newline
    expect(r.stderr.length).toBeLessThan(2000);
  });

  it.each([
    ['a byte-order mark', '\ufeff{"seed": 1}', null],
    ['// comments', '{\n  // seed\n  "seed": 1\n}', /line 2, column 3\): comments are not allowed/],
    ['NaN', '{"seed": NaN}', /line 1, column 10\): NaN is not a JSON number/],
    ['an empty file', '', /line 1, column 1\): the file is empty/],
    ['a duplicate key', '{"seed": 1, "seed": 2}', /line 1, column 13\): duplicate key "seed" \(first at line 1, column 2\)/],
  ])('reads JSON with %s with a line and column, never as YAML', async (_what, text, message) => {
    writeFileSync(join(dir, 'j.json'), text);
    const r = await runCli(['validate', join(dir, 'j.json')]);
    if (message === null) expect(r.code).toBe(0);
    else expectClean(r, message);
  });

  it.skipIf(!built)('prints no Node warning for YAML keys that are lists', () => {
    const cwd = tempDir('safety-warning');
    writeFileSync(join(cwd, 'k.yaml'), 'seed: 1\n? [a, b]\n: 1\n');
    expectClean(spawnCli(['validate', 'k.yaml'], cwd), /line 2, column 3\): a key is a list/);
  });

  it('names the flag for a bad flag value, not the scenario file', async () => {
    writeFileSync(join(dir, 'ok.json'), small({ name: 'ok' }));
    const r = await runCli(['run', join(dir, 'ok.json'), '--seed', 'abc', '--quiet']);
    expectClean(r, /^fuota-sim: --seed: "abc" is not a number; allowed: an integer 0\.\.4294967295\n$/);
    expectClean(await runCli(['run', join(dir, 'ok.json'), '--seed', '1.5']), /--seed: 1\.5 is not an integer/);
    expectClean(await runCli(['run', join(dir, 'ok.json'), '--out', 'a', '--out', 'b']), /--out: given more than once/);
    expectClean(await runCli(['sweep', join(dir, 'ok.json'), '--workers', 'many']), /--workers: "many" is not a number/);
  });
});

describe('trust without checking', () => {
  it('compare exits 2 for a summary that lacks metrics or reads " " as a number, 1 only for a real change', async () => {
    const dir = tempDir('safety-compare');
    writeFileSync(join(dir, 's.json'), small({ name: 'cmp' }));
    const out = join(dir, 'run');
    expect((await runCli(['run', join(dir, 's.json'), '--out', out, '--quiet'])).code).toBe(0);
    writeFileSync(join(dir, 'lacking.json'), JSON.stringify({ devices: 5 }));
    expectClean(await runCli(['compare', out, join(dir, 'lacking.json')]), /lacks \d+ of the \d+ summary metrics/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    writeFileSync(join(dir, 'blank.json'), JSON.stringify({ ...summary, events: ' ' }));
    expectClean(await runCli(['compare', out, join(dir, 'blank.json')]), /events is " ", not a number/);
    writeFileSync(join(dir, 'moved.json'), JSON.stringify({ ...summary, events: summary.events + 1 }));
    expectClean(await runCli(['compare', out, join(dir, 'moved.json')]), /1 of \d+ values moved beyond their tolerance \(events\)/, 1);
  });
});
