/** The error every scenario problem is reported with: all problems at once, one line each. */
import { UsageError } from '../cli/errors.js';

/**
 * Bad scenario input. `problems` holds every problem found, one line each, in the form
 * `<dotted.path>: <value given> <what is wrong>; allowed: <allowed values or range>`.
 * The message starts with the scenario's name (its file) when known.
 */
export class ScenarioError extends UsageError {
  constructor(problems: string[], readonly sourceName?: string) {
    super(problems);
    this.name = 'ScenarioError';
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const head = sourceName ? `${sourceName}: ${count}` : `scenario: ${count}`;
    this.message = `${head}\n${problems.map((p) => `  ${p}`).join('\n')}`;
  }
}
