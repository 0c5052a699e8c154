/** `fuota-sim import aws ...`: a scenario file from the JSON of an AWS IoT Core for LoRaWAN FUOTA campaign. */
import { dirname, relative, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { InputError, printableLine, showPath } from '../../errors/index.js';
import { writeFileAtomic } from '../../output/atomic.js';
import { checkOutputFile } from '../../output/target.js';
import { readJsonFile } from '../../scenario/json.js';
import { UsageError } from '../errors.js';
import { numberFlag, numberOption } from '../options.js';

interface ImportArgs {
  source: string;
  'fuota-task': string;
  'multicast-group': string;
  session?: string;
  out?: string;
  force: boolean;
  'firmware-size'?: string;
  'firmware-file'?: string;
  devices?: string;
  'lead-time'?: string;
}

/** Reads one of the AWS JSON files; its problems are named after the option. */
function readJson(path: string, option: string, problems: string[]): unknown {
  try {
    return readJsonFile(path);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    problems.push(...err.problems.map((p) => `${option} ${p}`));
    return undefined;
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
      .option('firmware-size', numberFlag('image size in bytes, 1..67108864 (AWS keeps the image in S3, so the JSON does not say)'))
      .option('firmware-file', { type: 'string', describe: 'the image file itself (a local copy of the S3 object)' })
      .option('devices', numberFlag('fleet size, 1..1000000 (default: NumberOfDevicesInGroup from get-multicast-group, else the scenario default)'))
      .option('lead-time', numberFlag('seconds between booking the session and its start, 0..172800 (default 1800): the simulation (and setup) starts that much before SessionStartTime; AWS takes 1800..172800'))
      .example(
        '$0 import aws --fuota-task task.json --multicast-group group.json --session session.json --firmware-size 180000 --out campaign.json',
        'then: fuota-sim run campaign.json',
      )
      .epilog('Values fuota-sim cannot simulate (e.g. an RfRegion it does not model) are errors (exit 2); fields it does not use are listed as notes.'),
  handler: async (argv) => {
    const [{ ScenarioError }, { resolveScenario }, { placeholderNotes }, { importAws }] = await Promise.all([
      import('../../scenario/errors.js'),
      import('../../scenario/resolve.js'),
      import('../../scenario/placeholders.js'),
      import('../../sweep/aws-import.js'),
    ]);
    const problems: string[] = [];
    const firmwareSizeBytes = numberOption(argv['firmware-size'], { flag: '--firmware-size', min: 1, max: 64 * 1_048_576 }, problems);
    const devices = numberOption(argv.devices, { flag: '--devices', min: 1, max: 1_000_000 }, problems);
    const leadS = numberOption(argv['lead-time'], { flag: '--lead-time', min: 0, max: 172_800 }, problems) ?? 1800;
    const out = argv.out === undefined ? undefined : resolve(argv.out);
    if (out !== undefined) {
      try {
        checkOutputFile(out, { overwrite: argv.force, option: '--out' }); // before anything is read
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        problems.push(...err.problems);
      }
    }
    const fuotaTask = readJson(argv['fuota-task'], '--fuota-task', problems);
    const multicastGroup = readJson(argv['multicast-group'], '--multicast-group', problems);
    const session = argv.session === undefined ? undefined : readJson(argv.session, '--session', problems);
    if (problems.length > 0) throw new UsageError(problems);
    const baseDir = out ? dirname(out) : process.cwd();
    const firmwareFile = argv['firmware-file'] === undefined ? undefined : relative(baseDir, resolve(argv['firmware-file']));
    const imported = importAws({ fuotaTask, multicastGroup, session }, { firmwareSizeBytes, firmwareFile, devices, leadS });
    if (imported.problems.length > 0) throw new UsageError(imported.problems);
    let placeholders: string[];
    try {
      // the size limits apply when the scenario is run, not when it is written
      const resolved = resolveScenario(imported.scenario, { baseDir, sourceName: 'the imported scenario', allowLarge: true });
      placeholders = placeholderNotes(imported.scenario, resolved); // AWS holds no positions
    } catch (err) {
      if (err instanceof ScenarioError) throw new InputError(err.problems, 'the AWS settings do not make a valid scenario:');
      throw err;
    }
    for (const note of [...imported.notes, ...placeholders]) process.stderr.write(`note: ${printableLine(note)}\n`);
    const text = `${JSON.stringify(imported.scenario, null, 2)}\n`;
    if (!out) {
      process.stdout.write(text);
      return;
    }
    await writeFileAtomic(out, text);
    process.stdout.write(`wrote ${showPath(argv.out!)}; simulate it with: fuota-sim run ${showPath(argv.out!)}\n`);
  },
};
