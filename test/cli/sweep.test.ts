import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, treeHashes } from '../sweep/helpers.js';

const dir = tempDir('sweep-cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tiny = join(import.meta.dirname, '..', 'sweep', 'fixtures', 'tiny-sweep.json');
const mainJs = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

describe('fuota-sim sweep', () => {
  it('runs a sweep, says where it wrote it, and refuses the folder a second time (exit 2)', async () => {
    const out = join(dir, 'first');
    const r = await runCli(['sweep', tiny, '--workers', '1', '--out', out, '--no-plots']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`sweep tiny-sweep: 8 point(s) × 3 replication(s); 24 runs, ran 24 → ${out}\n`);
    expect(readdirSync(join(out, 'runs'))).toHaveLength(24);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    const again = await runCli(['sweep', tiny, '--workers', '1', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; pass --resume .* or --force/);
    const resumed = await runCli(['sweep', tiny, '--workers', '1', '--out', out, '--resume', '--no-plots']);
    expect(resumed.stdout).toMatch(/ran 0 \(24 already complete\)/);
  });

  it('runs one shard into its own (already created, empty) folder and tells how to merge', async () => {
    const out = join(dir, 'shard');
    mkdirSync(out);
    const r = await runCli(['sweep', tiny, '--workers', '1', '--shard', '3/4', '--out', out, '--no-plots']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/shard 3\/4: 6 of 24 runs, ran 6/);
    expect(r.stdout).toMatch(/18 run\(s\) of the sweep are elsewhere: join the shard folders with fuota-sim merge/);
    expect(readdirSync(join(out, 'runs'))).toEqual(['p00-r2', 'p02-r0', 'p03-r1', 'p04-r2', 'p06-r0', 'p07-r1']);
  });

  it('draws each run\'s own plots and report only with --run-plots', async () => {
    const out = join(dir, 'run-plots');
    const r = await runCli(['sweep', tiny, '--workers', '1', '--shard', '8/8', '--out', out, '--run-plots']);
    expect(r.code).toBe(0);
    const files = readdirSync(join(out, 'runs', 'p02-r1'));
    expect(files).toEqual(expect.arrayContaining(['report.html', 'completion.svg', 'summary.json']));
    expect(readdirSync(join(dir, 'shard', 'runs', 'p02-r0'))).not.toContain('report.html');
  });

  it('rejects bad --shard and --workers values and a bad scenario with exit 2', async () => {
    const r = await runCli(['sweep', tiny, '--shard', '5/4', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workers: 0 is out of range; allowed: an integer 1\.\.1024/);
    expect(r.stderr).toMatch(/--shard: "5\/4" needs 1 ≤ i ≤ N/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'bad', sweep: { 'fuotaTask.redundancyPercent': [10, 500] } }));
    const b = await runCli(['sweep', bad, '--out', join(dir, 'bad')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/redundancyPercent.*500/);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('explains its options in --help', async () => {
    const r = await runCli(['sweep', '--help']);
    expect(r.stdout).toMatch(/--workers/);
    expect(r.stdout).toMatch(/--shard[\s\S]*slice i of N/);
    expect(r.stdout).toMatch(/--resume/);
    expect(r.stdout).toMatch(/Examples:/);
  });

  it('loses nothing when the process is killed after its first run folder appears and then resumed', async () => {
    const scenario = join(dir, 'slow.json');
    const raw = JSON.parse(readFileSync(tiny, 'utf8'));
    writeFileSync(scenario, JSON.stringify({ ...raw, name: 'slow', replications: 2, devices: { ...raw.devices, count: 1000 } }));
    const reference = join(dir, 'slow-ref');
    expect((await runCli(['sweep', scenario, '--workers', '2', '--out', reference, '--no-plots'])).code).toBe(0);

    const out = join(dir, 'slow-killed');
    const child = spawn(process.execPath, [mainJs, 'sweep', scenario, '--workers', '1', '--out', out, '--no-plots'], { stdio: 'ignore' });
    const runsDir = join(out, 'runs');
    const completed = () => (existsSync(runsDir) ? readdirSync(runsDir).filter((n) => !n.startsWith('.tmp-')) : []);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (completed().length > 0) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the sweep finished before it could be killed'));
      });
    });
    await new Promise((r) => child.on('exit', r));
    expect(completed().length).toBeLessThan(16);
    expect(existsSync(join(out, 'summary.csv'))).toBe(false);

    const r = await runCli(['sweep', scenario, '--workers', '2', '--out', out, '--resume', '--no-plots']);
    expect(r.code).toBe(0);
    expect(readdirSync(runsDir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    expect(treeHashes(out)).toEqual(treeHashes(reference));
  });
});
