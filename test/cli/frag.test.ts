/**
 * `fuota-sim frag` through the built CLI (dist/, built by `npm test`'s pretest): every decoder case
 * through `frag decode`, every encoder case through `frag encode`, bad arguments and bad lines. The
 * known-answer fixture holds every public TS004 vector (test/fuota/ts004/known-answers.test.ts checks
 * it against ../shared), so these runs need not read ../shared themselves.
 */
import { execFileSync, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeFragments, toHex } from '../../src/fuota/ts004/index.js';
import { repoRoot } from '../helpers/shared.js';
import { fixtureCases, sha256Hex, testData, type DecoderCase, type EncoderCase } from '../fuota/ts004/cases.js';

const mainJs = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
const built = existsSync(mainJs);
if (!built) process.stderr.write(`notice: ${mainJs} is missing (run npm run build); the frag CLI tests are skipped\n`);
const work = mkdtempSync(join(tmpdir(), 'fuota-frag-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; at most one run per core at a time (each run pays the CLI's start-up). */
const slots = { free: Math.max(2, availableParallelism()), waiting: [] as (() => void)[] };
async function cli(args: string[], input = ''): Promise<CliRun> {
  if (slots.free === 0) await new Promise<void>((resolve) => slots.waiting.push(resolve));
  else slots.free--;
  try {
    return await new Promise<CliRun>((resolve, reject) => {
      const child = spawn(process.execPath, [mainJs, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    });
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  }
}

function lastLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

async function checkDecode(c: DecoderCase, payloadHex?: (n: number) => string): Promise<void> {
  const frags = encodeFragments(testData(c.dataLength), c.fragSize, c.redundancySent, c.variant);
  const hex = payloadHex ?? ((n: number) => toHex(frags[n - 1].data));
  const input = c.arrivals.map((n) => JSON.stringify({ n, data: hex(n) })).join('\n') + '\n';
  const out = join(work, `${c.id}.bin`);
  const args = ['frag', 'decode', '--fragment-size', `${c.fragSize}`, '--nb-frag', `${c.nbFrag}`, '--padding', `${c.padding}`];
  args.push('--fec', c.variant, '--out', out, ...(c.maxLost === null ? [] : ['--max-lost', `${c.maxLost}`]));
  const r = await cli(args, input);
  expect(r.code).toBe(c.outcome === 'decoded' ? 0 : 1); // contract: 1 when not decoded
  expect(r.stderr).toBe('');
  const expected =
    c.outcome === 'decoded'
      ? { decoded: true, afterFragments: c.completedAtArrival }
      : c.outcome === 'failed_too_many_lost'
        ? { decoded: false, reason: 'too-many-lost', afterFragments: c.completedAtArrival }
        : { decoded: false, reason: 'incomplete', received: c.arrivals.length };
  expect(lastLine(r.stdout)).toEqual(expected);
  expect(existsSync(out)).toBe(c.outcome === 'decoded');
  if (c.outcome === 'decoded') expect(sha256Hex(readFileSync(out))).toBe(c.reconstructedSha256);
}

async function checkEncode(c: EncoderCase): Promise<void> {
  const file = join(work, `${c.id}.in`);
  writeFileSync(file, testData(c.dataLength));
  const runs = (['v1', 'v2'] as const).map((fec) =>
    cli(['frag', 'encode', '--in', file, '--fragment-size', `${c.fragSize}`, '--redundancy', `${c.redundancy}`, '--fec', fec]),
  );
  for (const [i, fec] of (['v1', 'v2'] as const).entries()) {
    const r = await runs[i];
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { n: number; data: string });
    expect(lines.map((l) => l.n)).toEqual(Array.from({ length: c.nbFrag + c.redundancy }, (_, k) => k + 1));
    expect(sha256Hex(Buffer.from(lines.map((l) => l.data).join(''), 'hex'))).toBe(c.variants[fec].allFragmentsSha256);
  }
}

describe.skipIf(!built)('fuota-sim frag on the known-answer cases', () => {
  it('frag decode reproduces every decoder case', async () => {
    await Promise.all(fixtureCases().decoder.map((c) => checkDecode(c)));
  });
  it('frag encode reproduces every encoder case in v1 and v2', async () => {
    await Promise.all(fixtureCases().encoder.map((c) => checkEncode(c)));
  });
});

describe.skipIf(!built)('fuota-sim frag input handling', () => {
  const file = join(work, 'fw.bin');
  writeFileSync(file, testData(995));

  it('round-trips a file through encode | decode with losses', async () => {
    const enc = await cli(['frag', 'encode', '--in', file, '--fragment-size', '50', '--redundancy', '10']);
    const lossy = enc.stdout.split('\n').filter((_, k) => ![2, 6, 14].includes(k)).join('\n');
    const out = join(work, 'rt.bin');
    const r = await cli(['frag', 'decode', '--fragment-size', '50', '--nb-frag', '20', '--padding', '5', '--out', out], lossy);
    expect(lastLine(r.stdout)).toEqual({ decoded: true, afterFragments: 20 });
    expect(readFileSync(out)).toEqual(Buffer.from(testData(995)));
  });

  it('skips malformed lines, wrong lengths and out-of-range N with warnings, counting them as read', async () => {
    const frags = encodeFragments(testData(995), 50, 10);
    const good = frags.map((f) => JSON.stringify({ n: f.n, data: toHex(f.data) }));
    const input = ['not json', '{"n": "1", "data": "00"}', '{"n": 0, "data": "' + '00'.repeat(50) + '"}', '{"n": 1, "data": "abc"}', '{"n": 1, "data": "00"}', '', ...good].join('\n');
    const r = await cli(['frag', 'decode', '--fragment-size', '50', '--nb-frag', '20', '--padding', '5', '--out', join(work, 'm.bin')], input);
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toEqual({ decoded: true, afterFragments: 25 });
    const warnings = r.stderr.trim().split('\n');
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatch(/^fuota-sim: warning: line 1: not a JSON object, skipped$/);
    expect(warnings[2]).toMatch(/line 3: N = 0 is outside 1\.\.16383/);
    expect(warnings[4]).toMatch(/line 5: 1 payload bytes instead of 50/);
  });

  it('rejects bad arguments with exit code 2 and one clean message each, no stack trace', async () => {
    const bad: [string[], RegExp][] = [
      [['frag', 'encode', '--in', join(work, 'missing.bin'), '--fragment-size', '50', '--redundancy', '1'], /--in .*cannot read \(ENOENT/],
      [['frag', 'encode', '--in', file, '--fragment-size', '0', '--redundancy', '1'], /--fragment-size: 0 is out of range; allowed: an integer 1\.\.255/],
      [['frag', 'encode', '--in', file, '--fragment-size', 'abc', '--redundancy', '1'], /--fragment-size: "abc" is not a number/],
      [['frag', 'encode', '--in', file, '--fragment-size', '50'], /--redundancy or --redundancy-percent: give one/],
      [['frag', 'encode', '--in', file, '--fragment-size', '50', '--redundancy', '1', '--redundancy-percent', '10'], /mutually exclusive/],
      [['frag', 'encode', '--in', file, '--fragment-size', '50', '--redundancy-percent', '101'], /--redundancy-percent: 101 is out of range/],
      [['frag', 'encode', '--in', work, '--fragment-size', '50', '--redundancy', '1'], /--in .*not a regular file/],
      [['frag', 'encode', '--in', file, '--fragment-size', '1', '--redundancy', '16000'], /exceed the fragment counter limit of 16383/],
      [['frag', 'encode', '--in', file, '--fragment-size', '50', '--redundancy', '1', '--fec', 'v3'], /Invalid values/],
      [['frag', 'decode', '--fragment-size', '50', '--nb-frag', '20', '--padding', '5'], /Missing required argument: out/],
      [['frag', 'decode', '--fragment-size', '50', '--nb-frag', '0', '--padding', '50', '--max-lost', '-1', '--out', 'x'], /--nb-frag: 0 is out of range[\s\S]*--padding: 50 is out of range[\s\S]*--max-lost: -1 is out of range/],
      [['frag'], /encode or decode/],
    ];
    writeFileSync(join(work, 'empty.bin'), '');
    bad.push([['frag', 'encode', '--in', join(work, 'empty.bin'), '--fragment-size', '5', '--redundancy', '0'], /the file is empty/]);
    const runs = await Promise.all(bad.map(([args]) => cli(args)));
    for (const [i, [args, message]] of bad.entries()) {
      const r = runs[i];
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('encode says M, the coded count and the padding on standard error, and takes a percentage like scenarios', async () => {
    const byCount = await cli(['frag', 'encode', '--in', file, '--fragment-size', '50', '--redundancy', '2']);
    expect(byCount.code).toBe(0);
    expect(byCount.stderr).toBe('fuota-sim: M = 20 uncoded + R = 2 coded fragments of 50 bytes, padding 5 bytes; decode with: --fragment-size 50 --nb-frag 20 --padding 5\n');
    expect(byCount.stdout.trim().split('\n')).toHaveLength(22);
    // ceil(20 × 11 / 100) = 3, as fuotaTask.redundancyPercent 11 gives in a scenario
    const byPercent = await cli(['frag', 'encode', '--in', file, '--fragment-size', '50', '--redundancy-percent', '11']);
    expect(byPercent.stderr).toMatch(/M = 20 uncoded \+ R = 3 coded/);
    expect(byPercent.stdout.trim().split('\n')).toHaveLength(23);
  });

  it('decode refuses a --padding that would cut data bytes (exit 2, nothing written) and exits 1 when it did not decode', async () => {
    const enc = await cli(['frag', 'encode', '--in', file, '--fragment-size', '50', '--redundancy', '2']);
    const out = join(work, 'pad.bin');
    const wrong = await cli(['frag', 'decode', '--fragment-size', '50', '--nb-frag', '20', '--padding', '9', '--out', out], enc.stdout);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--padding 9: the last 9 bytes of fragment M are not all zero padding \(at most 5 are\)/);
    expect(existsSync(out)).toBe(false);
    const half = enc.stdout.split('\n').slice(0, 10).join('\n');
    const incomplete = await cli(['frag', 'decode', '--fragment-size', '50', '--nb-frag', '20', '--padding', '5', '--out', out], half);
    expect(incomplete.code).toBe(1);
    expect(lastLine(incomplete.stdout)).toEqual({ decoded: false, reason: 'incomplete', received: 10 });
    expect(existsSync(out)).toBe(false);
    const toFolder = await cli(['frag', 'decode', '--fragment-size', '50', '--nb-frag', '20', '--padding', '5', '--out', work], enc.stdout);
    expect(toFolder.code).toBe(2);
    expect(toFolder.stderr).toMatch(/--out .*: is a folder/);
  });

  it('stays quiet when the reader stops early', () => {
    const out = execFileSync('bash', ['-c', `"${process.execPath}" "${mainJs}" frag encode --in "${file}" --fragment-size 1 --redundancy 100 | head -n 1`], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ n: 1, data: '03' });
  });
});
