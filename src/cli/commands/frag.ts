/**
 * `fuota-sim frag encode|decode`: the TS004 fragment codec on JSON lines (contract/results.md,
 * "Fragment codec on the command line"). Encode a file into the fragments a server sends; decode
 * fragments in arrival order the way a device (Semtech-lineage decoder) does.
 */
import { readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Argv, CommandModule } from 'yargs';
import {
  FEC_VARIANTS,
  FragDecoder,
  Ts004Error,
  checkCodedCount,
  encodeFragments,
  fragmentLine,
  fragmentPlan,
  parseFragmentLine,
  type FecVariant,
} from '../../fuota/ts004/index.js';
import { fsReason, printableLine, showPath } from '../../errors/index.js';
import { writeFileAtomic } from '../../output/atomic.js';
import { checkOutputFile } from '../../output/target.js';
import { CliError, UsageError } from '../errors.js';
import { numberFlag, numberOption } from '../options.js';

interface EncodeArgs {
  in: string;
  'fragment-size'?: string;
  redundancy?: string;
  'redundancy-percent'?: string;
  fec: FecVariant;
}

interface DecodeArgs {
  'fragment-size'?: string;
  'nb-frag'?: string;
  padding?: string;
  fec: FecVariant;
  'max-lost'?: string;
  'accept-late-uncoded': boolean;
  out: string;
}

/** Most fragments one TS004 session can number (M + R). */
const MAX_FRAGMENTS = 16383;

/** Runs a codec check and turns its Ts004Error into a problem naming the option. */
function check(problems: string[], option: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof Ts004Error)) throw err;
    problems.push(`--${option}: ${err.message}`);
  }
}

/** Individual warnings printed before they are only counted. */
const MAX_WARNINGS = 20;

function fecOption<T>(y: Argv<T>) {
  return y.option('fec', {
    choices: FEC_VARIANTS,
    default: 'v1' as FecVariant,
    describe: 'parity rows: v1 = TS004 v1.0.0 (what AWS IoT Core for LoRaWAN speaks), v2 = TS004 v2.0.0 as deployed',
  });
}

/** Writes text to stdout, waiting when the pipe is full. */
async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

const encodeCommand: CommandModule<object, EncodeArgs> = {
  command: 'encode',
  describe: 'Cut a file into TS004 fragments: one {"n": N, "data": "<hex>"} line each, uncoded then coded',
  builder: (y) =>
    fecOption(
      y
        .option('in', { type: 'string', demandOption: true, describe: 'the file to send (e.g. a firmware image)' })
        .option('fragment-size', numberFlag('bytes per fragment, 1..255 (FragSize)', true))
        .option('redundancy', numberFlag('number of coded (parity) fragments R sent after the M uncoded ones; M + R <= 16383'))
        .option('redundancy-percent', numberFlag('coded fragments as a percentage of M, 0..100, rounded up: ceil(M × P / 100), as fuotaTask.redundancyPercent in scenarios'))
        .conflicts('redundancy', 'redundancy-percent'),
    )
      .example(
        '$0 frag encode --in firmware.bin --fragment-size 50 --redundancy 10 > fragments.jsonl',
        'M uncoded + 10 coded fragments',
      )
      .example('$0 frag encode --in firmware.bin --fragment-size 50 --redundancy-percent 10', 'M uncoded + ceil(M / 10) coded, as a scenario with redundancyPercent 10')
      .example('$0 frag encode --in firmware.bin --fragment-size 50 --redundancy 10 --fec v2', 'TS004 v2.0.0 parity rows')
      .epilog(
        'Give the redundancy either as a count (--redundancy R) or as a percentage of M (--redundancy-percent P). ' +
          'Standard output holds only the fragment lines; standard error says M, R and the padding, which frag decode needs.',
      ),
  handler: async (argv) => {
    const problems: string[] = [];
    const fragSize = numberOption(argv['fragment-size'], { flag: '--fragment-size', min: 1, max: 255 }, problems);
    const count = numberOption(argv.redundancy, { flag: '--redundancy', min: 0, max: MAX_FRAGMENTS }, problems);
    const percent = numberOption(argv['redundancy-percent'], { flag: '--redundancy-percent', min: 0, max: 100 }, problems);
    if (argv.redundancy === undefined && argv['redundancy-percent'] === undefined) {
      problems.push('--redundancy or --redundancy-percent: give one (a count of coded fragments, or a percentage of M)');
    }
    let data: Uint8Array = new Uint8Array(0);
    try {
      const st = statSync(argv.in);
      if (!st.isFile()) problems.push(`--in ${showPath(argv.in)}: not a regular file`);
      else if (fragSize !== undefined && st.size > MAX_FRAGMENTS * fragSize) {
        problems.push(`--in ${showPath(argv.in)}: ${st.size} bytes need more than ${MAX_FRAGMENTS} fragments of ${fragSize} bytes; allowed: at most ${MAX_FRAGMENTS * fragSize} bytes at this fragment size`);
      } else {
        data = readFileSync(argv.in);
        if (data.length === 0) problems.push(`--in ${showPath(argv.in)}: the file is empty`);
      }
    } catch (err) {
      problems.push(`--in ${showPath(argv.in)}: cannot read (${fsReason(err)})`);
    }
    if (problems.length > 0 || fragSize === undefined) throw new UsageError(problems);
    // a percentage is turned into a count the way scenarios do it (fragmentPlan, ChirpStack's rule)
    const plan = fragmentPlan(data.length, fragSize, percent ?? 0);
    const coded = count ?? plan.codedCount;
    const codedProblems: string[] = [];
    check(codedProblems, argv.redundancy !== undefined ? 'redundancy' : 'redundancy-percent', () => checkCodedCount(plan.nbFrag, coded));
    if (codedProblems.length > 0) throw new UsageError(codedProblems);
    let fragments;
    try {
      fragments = encodeFragments(data, fragSize, coded, argv.fec);
    } catch (err) {
      if (err instanceof Ts004Error) throw new UsageError([err.message]);
      throw err;
    }
    process.stderr.write(
      `fuota-sim: M = ${plan.nbFrag} uncoded + R = ${coded} coded fragments of ${fragSize} bytes, padding ${plan.paddingBytes} bytes; ` +
        `decode with: --fragment-size ${fragSize} --nb-frag ${plan.nbFrag} --padding ${plan.paddingBytes}${argv.fec === 'v1' ? '' : ` --fec ${argv.fec}`}\n`,
    );
    process.stdout.on('error', () => undefined); // a reader that stops early (EPIPE) is not our failure
    for (let i = 0; i < fragments.length; i += 256) {
      await writeOut(fragments.slice(i, i + 256).map((f) => fragmentLine(f) + '\n').join(''));
    }
  },
};

interface DecodeSettings {
  fragSize: number;
  nbFrag: number;
  padding: number;
  maxLost: number | null;
}

/** The decoder settings from the options; UsageError listing every problem. */
function decodeSettings(argv: DecodeArgs): DecodeSettings {
  const problems: string[] = [];
  const fragSize = numberOption(argv['fragment-size'], { flag: '--fragment-size', min: 1, max: 255 }, problems);
  const nbFrag = numberOption(argv['nb-frag'], { flag: '--nb-frag', min: 1, max: MAX_FRAGMENTS }, problems);
  const padding = numberOption(argv.padding, { flag: '--padding', min: 0, max: Math.max(0, (fragSize ?? 255) - 1) }, problems);
  const maxLost = numberOption(argv['max-lost'], { flag: '--max-lost', min: 0, max: MAX_FRAGMENTS }, problems);
  if (problems.length > 0 || fragSize === undefined || nbFrag === undefined || padding === undefined) throw new UsageError(problems);
  return { fragSize, nbFrag, padding, maxLost: maxLost ?? null };
}

function makeDecoder(argv: DecodeArgs, d: DecodeSettings): FragDecoder {
  try {
    return new FragDecoder({
      nbFrag: d.nbFrag,
      fragSizeBytes: d.fragSize,
      variant: argv.fec,
      maxLost: d.maxLost,
      payload: true,
      acceptLateUncoded: argv['accept-late-uncoded'],
      paddingBytes: d.padding,
    });
  } catch (err) {
    if (err instanceof Ts004Error) throw new UsageError([err.message]);
    throw err;
  }
}

/**
 * The encoder pads the last fragment with zero bytes (TS004: the data block is zero-padded to M
 * fragments), so a --padding that would cut non-zero bytes is wrong: returns the largest padding the
 * rebuilt data allows.
 */
function largestPadding(padded: Uint8Array, fragSize: number): number {
  let zeros = 0;
  while (zeros < fragSize - 1 && zeros < padded.length && padded[padded.length - 1 - zeros] === 0) zeros++;
  return zeros;
}

const decodeCommand: CommandModule<object, DecodeArgs> = {
  command: 'decode',
  describe: 'Rebuild a file from fragment lines on standard input, in arrival order, like a device',
  builder: (y) =>
    fecOption(
      y
        .option('fragment-size', numberFlag('bytes per fragment, 1..255 (FragSize)', true))
        .option('nb-frag', numberFlag('number of uncoded fragments M (NbFrag), 1..16383', true))
        .option('padding', numberFlag('zero bytes at the end of fragment M, removed from the output, 0..FragSize − 1 (frag encode prints it)', true)),
    )
      .option('max-lost', numberFlag('most lost uncoded fragments the decoder can hold (its matrix memory); default unbounded'))
      .option('accept-late-uncoded', {
        type: 'boolean',
        default: false,
        describe: 'Zephyr-lineage rules: accept uncoded fragments in any order until the first coded one',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'where to write the rebuilt file (only when decoded)' })
      .example(
        '$0 frag decode --fragment-size 50 --nb-frag 20 --padding 5 --out rebuilt.bin < fragments.jsonl',
        'rebuild a 995-byte file',
      )
      .epilog(
        'Prints one JSON line last: {"decoded": true, "afterFragments": K}, {"decoded": false, "reason": ' +
          '"too-many-lost", "afterFragments": K} or {"decoded": false, "reason": "incomplete", "received": K}; K counts ' +
          'the non-empty lines read, ignored ones included. Lines after completion are ignored. Malformed lines, wrong ' +
          'payload lengths and out-of-range N are skipped with a warning on standard error. A --padding that would cut ' +
          'non-zero bytes of the rebuilt data is refused (the encoder pads with zeros) and nothing is written. ' +
          'Exit codes: 0 decoded, 1 not decoded, 2 bad arguments (or a wrong --padding).',
      ),
  handler: async (argv) => {
    const settings = decodeSettings(argv);
    checkOutputFile(argv.out, { overwrite: true, option: '--out' }); // before reading any input
    const decoder = makeDecoder(argv, settings);
    let lines = 0;
    let finishedAt = 0;
    let warnings = 0;
    const warn = (text: string): void => {
      warnings++;
      if (warnings <= MAX_WARNINGS) process.stderr.write(`fuota-sim: warning: line ${lines}: ${printableLine(text, 300)}, skipped\n`);
    };
    for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      const line = raw.trim();
      if (line === '') continue;
      lines++;
      if (finishedAt > 0) continue;
      const parsed = parseFragmentLine(line);
      if (!parsed.ok) {
        warn(parsed.problem);
        continue;
      }
      const r = decoder.feed(parsed.n, parsed.data);
      if (r.status === 'decoded' || r.status === 'failed') finishedAt = lines;
      else if (r.status === 'ignored' && r.reason === 'out-of-range') warn(`N = ${parsed.n} is outside 1..16383`);
      else if (r.status === 'ignored' && r.reason === 'wrong-length') {
        warn(`${parsed.data.length} payload bytes instead of ${settings.fragSize}`);
      }
    }
    if (warnings > MAX_WARNINGS) process.stderr.write(`fuota-sim: warning: ${warnings - MAX_WARNINGS} more lines skipped\n`);
    let result: Record<string, unknown>;
    if (decoder.status === 'decoded') {
      const allowed = largestPadding(decoder.paddedResult(), settings.fragSize);
      if (settings.padding > allowed) {
        throw new UsageError([
          `--padding ${settings.padding}: the last ${settings.padding} bytes of fragment M are not all zero padding ` +
            `(at most ${allowed} are); the file was not written. frag encode prints the padding to use`,
        ]);
      }
      try {
        await writeFileAtomic(argv.out, decoder.result());
      } catch (err) {
        if (err instanceof CliError) throw err;
        throw new CliError(`--out ${showPath(argv.out)}: cannot write (${fsReason(err)})`, 2);
      }
      result = { decoded: true, afterFragments: finishedAt };
    } else if (decoder.status === 'failed') {
      result = { decoded: false, reason: 'too-many-lost', afterFragments: finishedAt };
    } else {
      result = { decoded: false, reason: 'incomplete', received: lines };
    }
    await writeOut(JSON.stringify(result) + '\n');
    if (result.decoded !== true) process.exitCode = 1; // contract: 1 when not decoded
  },
};

export const fragCommand: CommandModule<object, object> = {
  command: 'frag',
  describe: 'TS004 fragment codec: encode a file into fragments, or decode fragments like a device',
  builder: (y) =>
    y
      .command(encodeCommand)
      .command(decodeCommand)
      .demandCommand(1, 'Name an action: encode or decode.')
      .example(
        '$0 frag encode --in fw.bin --fragment-size 50 --redundancy 10 | ' +
          '$0 frag decode --fragment-size 50 --nb-frag 20 --padding 5 --out out.bin',
        'round trip: M = 20 for a 995-byte file',
      ),
  handler: () => undefined,
};
