/** `fuota-sim validate <scenario...>`: checks scenario files and lists every problem (exit 2). */
import type { CommandModule } from 'yargs';
import { CliError } from '../errors.js';

interface ValidateArgs {
  scenario: string[];
  resolved: boolean;
}

/** Validates one file: its resolved scenario, or the resolved points of its sweep. */
type ScenarioApi = typeof import('../../scenario/index.js');

function check(api: ScenarioApi, file: string): { resolved: unknown; points: number } {
  const { loadScenarioFile, expandSweep } = api;
  const { raw, scenario, baseDir } = loadScenarioFile(file);
  if (scenario.sweep === null) return { resolved: scenario, points: 1 };
  const points = expandSweep(raw, { baseDir, sourceName: file });
  return {
    resolved: points.map((p) => ({ index: p.index, values: p.values, scenario: p.scenario })),
    points: points.length,
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
      .example('$0 validate scenarios/*.json', 'check every example scenario')
      .example('$0 validate my.yaml --resolved', 'show the defaults the simulator will use')
      .epilog('Prints "ok: <file>" per valid file. Exit codes: 0 all valid, 2 a file has problems (all listed, one per line). Field reference: docs/scenarios.md.'),
  handler: async (argv) => {
    const api = await import('../../scenario/index.js'); // zod loads only when needed
    const failures: string[] = [];
    for (const file of argv.scenario) {
      try {
        const { resolved, points } = check(api, file);
        if (argv.resolved) process.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
        else process.stdout.write(`ok: ${file}${points > 1 ? ` (sweep of ${points} points)` : ''}\n`);
      } catch (err) {
        if (!(err instanceof api.ScenarioError)) throw err;
        failures.push(err.message);
      }
    }
    if (failures.length > 0) throw new CliError(failures.join('\n'), 2);
  },
};
