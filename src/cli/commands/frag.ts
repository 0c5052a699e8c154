/**
 * `fuota-sim frag encode|decode`: the TS004 fragment codec on JSON lines (contract/results.md,
 * "Fragment codec on the command line"). Encode a file into the fragments a server sends; decode
 * fragments in arrival order the way a device (Semtech-lineage decoder) does.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Argv, CommandModule } from 'yargs';
import {
  FEC_VARIANTS,
  FragDecoder,
  Ts004Error,
  checkCodedCount,
  checkFragSize,
  checkNbFrag,
  encodeFragments,
  fragmentLine,
  parseFragmentLine,
  type FecVariant,
} from '../../fuota/ts004/index.js';
import { writeFileAtomic } from '../../output/atomic.js';
import { CliError, UsageError } from '../errors.js';

interface EncodeArgs {
  in: string;
  'fragment-size': number;
  redundancy: number;
  fec: FecVariant;
}

interface DecodeArgs {
  'fragment-size': number;
  'nb-frag': number;
  padding: number;
  fec: FecVariant;
  'max-lost'?: number;
  'accept-late-uncoded': boolean;
  out: string;
}

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
        .option('fragment-size', { type: 'number', demandOption: true, describe: 'bytes per fragment, 1..255 (FragSize)' })
        .option('redundancy', {
          type: 'number',
          demandOption: true,
          describe: 'number of coded (parity) fragments R sent after the M uncoded ones; M + R <= 16383',
        }),
    )
      .example(
        '$0 frag encode --in firmware.bin --fragment-size 50 --redundancy 10 > fragments.jsonl',
        'M uncoded + 10 coded fragments',
      )
      .example('$0 frag encode --in firmware.bin --fragment-size 50 --redundancy 10 --fec v2', 'TS004 v2.0.0 parity rows'),
  handler: async (argv) => {
    const problems: string[] = [];
    check(problems, 'fragment-size', () => checkFragSize(argv['fragment-size']));
    check(problems, 'redundancy', () => checkCodedCount(0, argv.redundancy));
    let data: Uint8Array = new Uint8Array(0);
    try {
      data = readFileSync(argv.in);
      if (data.length === 0) problems.push(`--in ${argv.in}: the file is empty`);
    } catch (err) {
      problems.push(`--in ${argv.in}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    if (problems.length > 0) throw new UsageError(problems);
    let fragments;
    try {
      fragments = encodeFragments(data, argv['fragment-size'], argv.redundancy, argv.fec);
    } catch (err) {
      if (err instanceof Ts004Error) throw new UsageError([err.message]);
      throw err;
    }
    process.stdout.on('error', () => undefined); // a reader that stops early (EPIPE) is not our failure
    for (let i = 0; i < fragments.length; i += 256) {
      await writeOut(fragments.slice(i, i + 256).map((f) => fragmentLine(f) + '\n').join(''));
    }
  },
};

function makeDecoder(argv: DecodeArgs): FragDecoder {
  const maxLost = argv['max-lost'];
  const problems: string[] = [];
  check(problems, 'fragment-size', () => checkFragSize(argv['fragment-size']));
  check(problems, 'nb-frag', () => checkNbFrag(argv['nb-frag']));
  const padding = argv.padding;
  if (!Number.isInteger(padding) || padding < 0 || padding >= argv['fragment-size']) {
    problems.push(`--padding ${padding} is not an integer from 0 to FragSize - 1`);
  }
  if (maxLost !== undefined && !(Number.isInteger(maxLost) && maxLost >= 0)) {
    problems.push(`--max-lost ${maxLost} is not a non-negative integer`);
  }
  if (problems.length > 0) throw new UsageError(problems);
  try {
    return new FragDecoder({
      nbFrag: argv['nb-frag'],
      fragSizeBytes: argv['fragment-size'],
      variant: argv.fec,
      maxLost: maxLost ?? null,
      payload: true,
      acceptLateUncoded: argv['accept-late-uncoded'],
      paddingBytes: argv.padding,
    });
  } catch (err) {
    if (err instanceof Ts004Error) throw new UsageError([err.message]);
    throw err;
  }
}

const decodeCommand: CommandModule<object, DecodeArgs> = {
  command: 'decode',
  describe: 'Rebuild a file from fragment lines on standard input, in arrival order, like a device',
  builder: (y) =>
    fecOption(
      y
        .option('fragment-size', { type: 'number', demandOption: true, describe: 'bytes per fragment (FragSize)' })
        .option('nb-frag', { type: 'number', demandOption: true, describe: 'number of uncoded fragments M (NbFrag)' })
        .option('padding', {
          type: 'number',
          demandOption: true,
          describe: 'zero bytes at the end of fragment M, removed from the output',
        }),
    )
      .option('max-lost', {
        type: 'number',
        describe: 'most lost uncoded fragments the decoder can hold (its matrix memory); default unbounded',
      })
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
          'payload lengths and out-of-range N are skipped with a warning on standard error. Exit code 0 whatever the ' +
          'outcome, 2 for bad arguments.',
      ),
  handler: async (argv) => {
    const decoder = makeDecoder(argv);
    let lines = 0;
    let finishedAt = 0;
    let warnings = 0;
    const warn = (text: string): void => {
      warnings++;
      if (warnings <= MAX_WARNINGS) process.stderr.write(`fuota-sim: warning: line ${lines}: ${text}, skipped\n`);
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
        warn(`${parsed.data.length} payload bytes instead of ${argv['fragment-size']}`);
      }
    }
    if (warnings > MAX_WARNINGS) process.stderr.write(`fuota-sim: warning: ${warnings - MAX_WARNINGS} more lines skipped\n`);
    let result: Record<string, unknown>;
    if (decoder.status === 'decoded') {
      try {
        await writeFileAtomic(argv.out, decoder.result());
      } catch (err) {
        if (err instanceof CliError) throw err;
        throw new CliError(`--out ${argv.out}: cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`, 2);
      }
      result = { decoded: true, afterFragments: finishedAt };
    } else if (decoder.status === 'failed') {
      result = { decoded: false, reason: 'too-many-lost', afterFragments: finishedAt };
    } else {
      result = { decoded: false, reason: 'incomplete', received: lines };
    }
    await writeOut(JSON.stringify(result) + '\n');
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
