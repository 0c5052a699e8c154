import { describe, expect, it } from 'vitest';
import { CliError, UsageError } from '../../src/cli/errors.js';
import { ScenarioError } from '../../src/scenario/errors.js';

describe('ScenarioError', () => {
  it('is a usage error (exit code 2) that keeps every problem', () => {
    const err = new ScenarioError(['a: 1 is wrong', 'b: 2 is wrong'], 'x.json');
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toBeInstanceOf(CliError);
    expect(err.exitCode).toBe(2);
    expect(err.problems).toEqual(['a: 1 is wrong', 'b: 2 is wrong']);
  });

  it('heads its message with the source and the problem count, one indented line per problem', () => {
    expect(new ScenarioError(['a: 1 is wrong', 'b: 2 is wrong'], 'x.json').message).toBe('x.json: 2 problems\n  a: 1 is wrong\n  b: 2 is wrong');
    expect(new ScenarioError(['a: 1 is wrong']).message).toBe('scenario: 1 problem\n  a: 1 is wrong');
  });
});
