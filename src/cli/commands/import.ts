/** `fuota-sim import aws ...`: a scenario file from the JSON of an AWS IoT Core for LoRaWAN FUOTA campaign. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { writeFileAtomic } from '../../output/atomic.js';
import { CliError, UsageError } from '../errors.js';

interface ImportArgs {
  source: string;
  'fuota-task': string;
  'multicast-group': string;
  session?: string;
  out?: string;
  force: boolean;
  'firmware-size'?: number;
  'firmware-file'?: string;
  devices?: number;
  'lead-time': number;
}

function readJson(path: string, option: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError([`${option} ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError([`${option} ${path}: not valid JSON (${(err as Error).message})`]);
  }
}

export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import <source>',
  describe: 'Turn the JSON of an AWS FUOTA task, multicast group and session into a scenario file',
  builder: (y) =>
    y
      .positional('source', { choices: ['aws'] as const, demandOption: true, describe: 'where the campaign comes from (aws: AWS IoT Core for LoRaWAN)' })
      .option('fuota-task', {
        type: 'string',
        demandOption: true,
        describe: 'CreateFuotaTask request JSON (e.g. from --generate-cli-skeleton) or the output of aws iotwireless get-fuota-task',
      })
      .option('multicast-group', {
        type: 'string',
        demandOption: true,
        describe: 'CreateMulticastGroup request JSON or the output of aws iotwireless get-multicast-group',
      })
      .option('session', {
        type: 'string',
        describe: 'StartMulticastGroupSession request JSON or the output of get-multicast-group-session (DlDr, DlFreq, SessionTimeout, PingSlotPeriod, SessionStartTime)',
      })
      .option('out', { type: 'string', describe: 'scenario file to write (default: print it on standard output)' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite an existing --out file' })
      .option('firmware-size', { type: 'number', describe: 'image size in bytes (AWS keeps the image in S3, so the JSON does not say)' })
      .option('firmware-file', { type: 'string', describe: 'the image file itself (a local copy of the S3 object)' })
      .option('devices', { type: 'number', describe: 'fleet size (default: NumberOfDevicesInGroup from get-multicast-group, else the scenario default)' })
      .option('lead-time', {
        type: 'number',
        default: 1800,
        describe: 'seconds between booking the session and its start: the simulation (and setup) starts that much before SessionStartTime; AWS takes 1800..172800',
      })
      .example(
        '$0 import aws --fuota-task task.json --multicast-group group.json --session session.json --firmware-size 180000 --out campaign.json',
        'then: fuota-sim run campaign.json',
      )
      .epilog('Values fuota-sim cannot simulate (e.g. an RfRegion it does not model) are errors (exit 2); fields it does not use are listed as notes.'),
  handler: async (argv) => {
    const [{ ScenarioError }, { resolveScenario }, { importAws }] = await Promise.all([
      import('../../scenario/errors.js'),
      import('../../scenario/resolve.js'),
      import('../../sweep/aws-import.js'),
    ]);
    const lead = argv['lead-time'];
    if (!(Number.isFinite(lead) && lead >= 0)) throw new UsageError([`--lead-time ${String(lead)}: expected seconds, 0 or more (AWS takes 1800..172800)`]);
    const out = argv.out === undefined ? undefined : resolve(argv.out);
    if (out && existsSync(out) && !argv.force) throw new CliError(`${argv.out} already exists; pass --force to overwrite it`, 2);
    const baseDir = out ? dirname(out) : process.cwd();
    const firmwareFile = argv['firmware-file'] === undefined ? undefined : relative(baseDir, resolve(argv['firmware-file']));
    const imported = importAws(
      {
        fuotaTask: readJson(argv['fuota-task'], '--fuota-task'),
        multicastGroup: readJson(argv['multicast-group'], '--multicast-group'),
        session: argv.session === undefined ? undefined : readJson(argv.session, '--session'),
      },
      { firmwareSizeBytes: argv['firmware-size'], firmwareFile, devices: argv.devices, leadS: argv['lead-time'] },
    );
    if (imported.problems.length > 0) throw new UsageError(imported.problems);
    try {
      resolveScenario(imported.scenario, { baseDir, sourceName: 'the imported scenario' });
    } catch (err) {
      if (err instanceof ScenarioError) throw new UsageError(['the AWS settings do not make a valid scenario:', ...err.problems]);
      throw err;
    }
    for (const note of imported.notes) process.stderr.write(`note: ${note}\n`);
    const text = `${JSON.stringify(imported.scenario, null, 2)}\n`;
    if (!out) {
      process.stdout.write(text);
      return;
    }
    await writeFileAtomic(out, text);
    process.stdout.write(`wrote ${argv.out}; simulate it with: fuota-sim run ${argv.out}\n`);
  },
};
