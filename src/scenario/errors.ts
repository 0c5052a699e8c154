/** The error every scenario problem is reported with: all problems at once, one line each. */
import { countProblems, InputError, showPath } from '../errors/index.js';

/**
 * Bad scenario input. `problems` holds every problem found, one line each, in the form
 * `<dotted.path>: <value given> <what is wrong>; allowed: <allowed values or range>`.
 * The message starts with the scenario's name (its file) when known.
 */
export class ScenarioError extends InputError {
  constructor(problems: readonly string[], readonly sourceName?: string) {
    super(problems, `${sourceName === undefined ? 'scenario' : showPath(sourceName)}: ${countProblems(problems.length)}`);
    this.name = 'ScenarioError';
  }
}
