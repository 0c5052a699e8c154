/**
 * The one rule for names that become folder names (a scenario's `name`, the default name taken
 * from its file name, sweep and run folders): a name can only ever name a new folder inside the
 * folder it is joined to, on Linux, macOS and Windows alike.
 *
 * - 1..64 characters of a-z, 0-9, ".", "_" and "-";
 * - starting with a letter or a digit (so never ".", "..", a hidden ".name", a temporary
 *   ".tmp-…" folder of an atomic write, or "-rf", which a shell command would read as options);
 * - not ending with "." (Windows drops trailing dots: "a." and "a" would be the same folder);
 * - not a name Windows reserves for a device, alone or before a dot: con, prn, aux, nul,
 *   com0..com9, lpt0..lpt9 (and their superscript-digit forms, which the character set excludes).
 */

export const NAME_MAX_LENGTH = 64;

/** The rule in words, for messages and docs. */
export const NAME_RULE =
  '1..64 characters of a-z 0-9 . _ -, starting with a letter or digit, not ending with ".", ' +
  'not a reserved device name (con, prn, aux, nul, com0..com9, lpt0..lpt9)';

const SHAPE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** The whole rule as one regular expression (ECMAScript, as JSON Schema patterns are), for the schema and editors. */
export const NAME_PATTERN = /^(?!(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$))[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9_-])?$/;

/** Why `name` breaks the rule, or null when it follows it. */
export function nameProblem(name: string): string | null {
  if (!SHAPE.test(name)) return 'does not follow the name rule';
  if (name.endsWith('.')) return 'ends with "."';
  if (RESERVED.test(name.split('.')[0])) return `is a device name Windows reserves (${name.split('.')[0]})`;
  return null;
}

export function isValidName(name: string): boolean {
  return nameProblem(name) === null;
}

/**
 * A valid name made from any text (a file name, an AWS task name): lower-cased, every run of other
 * characters replaced by "-", leading "-", "." and "_" and trailing "-" and "." removed, cut to 64 characters; a
 * reserved device name gets `-scenario` appended; `fallback` when nothing is left.
 */
export function nameFromText(text: string, fallback: string): string {
  let name = text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '').slice(0, NAME_MAX_LENGTH).replace(/[.-]+$/, '');
  if (name !== '' && RESERVED.test(name.split('.')[0])) name = `${name.slice(0, NAME_MAX_LENGTH - 9)}-scenario`;
  return isValidName(name) ? name : fallback;
}
