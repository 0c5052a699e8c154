/**
 * YAML scenario files: parsed with the `yaml` library, then checked on its syntax tree before any
 * JavaScript value is built, so that every problem has a line and column and nothing reaches the
 * process as a warning:
 *
 * - keys must be plain values (a list or an object as a key would be turned into text, with a Node
 *   warning, by the library);
 * - keys naming JavaScript object machinery (`__proto__`, `constructor`, `prototype`) are refused;
 * - duplicate keys are errors (the library's `uniqueKeys`);
 * - alias expansion is bounded (the library's `maxAliasCount`, 100: a few lines of aliases could
 *   otherwise expand to gigabytes, the "billion laughs");
 * - nesting is bounded by MAX_NESTING.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { printableLine } from '../errors/index.js';
import { lineColumn } from './json.js';
import { FORBIDDEN_KEYS, forbiddenKeyProblem, MAX_NESTING, nestingProblem } from './tree.js';

/** Alias uses the library may expand (its default, and its unit: aliased nodes, weighted by size). */
export const MAX_ALIAS_COUNT = 100;

/** Problems of a YAML text, one line each with its position; empty when the text is usable. */
function treeProblems(text: string, root: unknown): string[] {
  const problems: string[] = [];
  const at = (node: { range?: [number, number, number] | null } | null | undefined): string => {
    const { line, column } = lineColumn(text, node?.range?.[0] ?? 0);
    return `line ${line}, column ${column}`;
  };
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const { node, depth } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth >= MAX_NESTING) {
        problems.push(`not valid YAML (${at(node)}): ${nestingProblem()}`);
        continue;
      }
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    } else if (isPair(node)) {
      const key = node.key as YamlNode | null;
      if (key !== null && !isScalar(key)) {
        const what = isAlias(key) ? 'an alias' : isSeq(key) ? 'a list' : 'an object';
        problems.push(`not valid for a scenario (${at(key)}): a key is ${what}; allowed: a plain key such as name`);
      } else if (key !== null && FORBIDDEN_KEYS.has(String(key.value))) {
        problems.push(`not valid for a scenario (${at(key)}): ${forbiddenKeyProblem(String(key.value))}`);
      }
      stack.push({ node: node.value, depth });
    }
  }
  return problems;
}

/** Parses YAML scenario text; returns the value or the problem lines (each with line and column). */
export function parseYamlText(text: string): { value: unknown; problems: string[] } {
  let doc;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    if (err instanceof RangeError) return { value: undefined, problems: [`not valid YAML: ${nestingProblem()}`] };
    throw err;
  }
  if (doc.errors.length > 0) {
    return {
      value: undefined,
      problems: doc.errors.slice(0, 20).map((e) => {
        const { line, column } = lineColumn(text, e.pos[0]);
        // the library reports its own stack overflow on very deep nesting as a parse error
        const reason = /call stack/i.test(e.message) ? nestingProblem() : printableLine(e.message.split('\n')[0], 200);
        return `not valid YAML (line ${line}, column ${column}): ${reason}`;
      }),
    };
  }
  let problems: string[];
  try {
    problems = treeProblems(text, doc.contents);
  } catch (err) {
    if (err instanceof RangeError) return { value: undefined, problems: [`not valid YAML: ${nestingProblem()}`] };
    throw err;
  }
  if (problems.length > 0) return { value: undefined, problems };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems: [] };
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      return {
        value: undefined,
        problems: [`not valid for a scenario: its aliases (*name) expand to more than ${MAX_ALIAS_COUNT} times their anchors; allowed: fewer alias uses (a guard against files that expand without bound)`],
      };
    }
    if (err instanceof RangeError) return { value: undefined, problems: [`not valid YAML: ${nestingProblem()}`] };
    throw err;
  }
}
