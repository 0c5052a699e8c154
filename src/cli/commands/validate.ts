/** `fuota-sim validate <scenario...>`: checks scenario files and lists every problem (exit 2). */
import type { CommandModule } from 'yargs';
import { InputError, showPath } from '../../errors/index.js';
import { UsageError } from '../errors.js';
import { allowLargeFlag } from '../options.js';

interface ValidateArgs {
  scenario: string[];
  resolved: boolean;
  'allow-large': boolean;
}

type ScenarioApi = typeof import('../../scenario/index.js');

/**
 * Validates one file: its resolved scenario, or the resolved points of its sweep, and the deployment
 * fields it leaves to the defaults; null for a JSON Schema file.
 */
function check(api: ScenarioApi, file: string, allowLarge: boolean): { resolved: unknown; points: number; notes: string[] } | null {
  const { readScenarioText, parseScenarioText, isJsonSchemaDocument, resolveLoaded, expandSweep, placeholderNotes } = api;
  const parsed = parseScenarioText(readScenarioText(file), file);
  // the JSON Schema of scenario files lives beside the examples: `validate scenarios/*.json` skips it
  if (isJsonSchemaDocument(parsed)) return null;
  const { raw, scenario, baseDir } = resolveLoaded(parsed, file, { allowLarge });
  const notes = placeholderNotes(raw, scenario);
  if (scenario.sweep === null) return { resolved: scenario, points: 1, notes };
  const points = expandSweep(raw, { baseDir, sourceName: file, allowLarge });
  return {
    resolved: points.map((p) => ({ index: p.index, values: p.values, scenario: p.scenario })),
    points: points.length,
    notes,
  };
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <scenario...>',
  describe: 'Check scenario files: every problem with its field, the value given and what is allowed',
  builder: (y) =>
    y
      .positional('scenario', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'scenario files (JSON, or YAML with .yaml/.yml); a sweep is checked point by point',
      })
      .option('resolved', {
        type: 'boolean',
        default: false,
        describe: 'print each resolved scenario (every default filled in) as JSON instead of "ok"; a sweep prints its points',
      })
      .option('allow-large', allowLargeFlag)
      .example('$0 validate scenarios/*.json', 'check every example scenario (the JSON Schema beside them is skipped)')
      .example('$0 validate my.yaml --resolved', 'show the defaults the simulator will use')
      .epilog(
        'Prints "ok: <file>" per valid file and "skipped: <file>" for a JSON Schema document (such as scenarios/schema.json). ' +
          'A note on standard error names the deployment fields a file leaves to the defaults (gateways, devices.placement). ' +
          'Exit codes: 0 all valid, 2 a file has problems (all listed, one per line). Field reference: docs/scenarios.md.',
      ),
  handler: async (argv) => {
    const api = await import('../../scenario/index.js'); // zod loads only when needed
    const failures: string[] = [];
    for (const file of argv.scenario) {
      try {
        const checked = check(api, String(file), argv['allow-large']);
        if (checked === null) {
          if (!argv.resolved) process.stdout.write(`skipped: ${showPath(String(file))} (a JSON Schema, not a scenario)\n`);
          continue;
        }
        const { resolved, points, notes } = checked;
        if (argv.resolved) process.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
        else process.stdout.write(`ok: ${showPath(String(file))}${points > 1 ? ` (sweep of ${points} points)` : ''}\n`);
        for (const note of notes) process.stderr.write(`note: ${showPath(String(file))}: ${note}\n`);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        failures.push(...err.lines);
      }
    }
    if (failures.length > 0) throw new UsageError(failures);
  },
};
