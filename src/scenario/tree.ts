/**
 * Limits on the shape of parsed input (scenario files, results files, AWS JSON): how deep values
 * nest and which keys are allowed. Checked without recursion, so that no input can exhaust the
 * stack, and in one pass, so that the cost is linear in the size of the input.
 */

/** Deepest nesting of lists and objects accepted (a scenario needs 6; a sweep of objects a few more). */
export const MAX_NESTING = 64;

/**
 * Keys that would reach into JavaScript's object machinery (`obj.__proto__ = …` replaces an
 * object's prototype; `constructor` and `prototype` name built-in members of every object). No
 * fuota-sim input has a use for them, so they are refused wherever they appear.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function forbiddenKeyProblem(key: string): string {
  return `the key ${JSON.stringify(key)} is not allowed (it names a built-in member of every JavaScript object)`;
}

export function nestingProblem(max = MAX_NESTING): string {
  return `lists and objects are nested more than ${max} deep; allowed: at most ${max} levels`;
}

export interface TreeProblem {
  /** where: the keys and list indexes from the root */
  path: Array<string | number>;
  problem: string;
}

interface Node {
  value: unknown;
  depth: number;
  key: string | number;
  parent: Node | null;
}

function pathOf(node: Node): Array<string | number> {
  const path: Array<string | number> = [];
  for (let n: Node | null = node; n !== null && n.parent !== null; n = n.parent) path.push(n.key);
  return path.reverse();
}

/** The first key or nesting problem of a parsed value, or null when there is none. */
export function checkTree(root: unknown, maxDepth = MAX_NESTING): TreeProblem | null {
  const stack: Node[] = [{ value: root, depth: 0, key: '', parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const value = node.value;
    if (value === null || typeof value !== 'object') continue;
    if (node.depth >= maxDepth) return { path: pathOf(node), problem: nestingProblem(maxDepth) };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: node.depth + 1, key: i, parent: node });
      continue;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      return { path: pathOf(node), problem: 'not a plain object; allowed: JSON data (objects, lists, strings, numbers, true, false, null)' };
    }
    // own keys only: Object.keys never reports an inherited member or a replaced prototype
    const keys = Object.keys(value);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      const child: Node = { value: (value as Record<string, unknown>)[key], depth: node.depth + 1, key, parent: node };
      if (FORBIDDEN_KEYS.has(key)) return { path: pathOf(child), problem: forbiddenKeyProblem(key) };
      stack.push(child);
    }
  }
  return null;
}
