/**
 * Semantic versions (semver 2.0.0, https://semver.org): strict parsing and precedence. Devices
 * compare the image version with the one they run and apply only a newer image (issue 4, "The image").
 */
import { VersionError } from './errors.js';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** pre-release identifiers (after '-'), as written; numeric ones are digit strings */
  prerelease: readonly string[];
  /** build metadata identifiers (after '+'); ignored for precedence (semver 2.0.0 §10) */
  build: readonly string[];
  /** the text parsed */
  text: string;
}

const NUMERIC = /^(0|[1-9]\d*)$/;
const IDENT = /^[0-9A-Za-z-]+$/;
const DIGITS = /^\d+$/;

function coreNumber(input: string, part: string, name: string): number {
  if (!DIGITS.test(part)) throw new VersionError(input, `${name} ${JSON.stringify(part)} is not a number`);
  if (!NUMERIC.test(part)) throw new VersionError(input, `${name} ${JSON.stringify(part)} has a leading zero`);
  const value = Number(part);
  if (!Number.isSafeInteger(value)) throw new VersionError(input, `${name} ${part} is larger than ${Number.MAX_SAFE_INTEGER}`);
  return value;
}

function identifiers(input: string, text: string, what: 'pre-release' | 'build'): string[] {
  const ids = text.split('.');
  for (const id of ids) {
    if (id === '') throw new VersionError(input, `an empty ${what} identifier`);
    if (!IDENT.test(id)) throw new VersionError(input, `${what} identifier ${JSON.stringify(id)} has characters other than [0-9A-Za-z-]`);
    // §9: numeric pre-release identifiers have no leading zeros (build identifiers may)
    if (what === 'pre-release' && DIGITS.test(id) && !NUMERIC.test(id)) {
      throw new VersionError(input, `pre-release identifier ${JSON.stringify(id)} has a leading zero`);
    }
  }
  return ids;
}

/** Parses a semantic version strictly; throws VersionError naming what is wrong. */
export function parseVersion(input: string): SemVer {
  if (typeof input !== 'string') throw new VersionError(String(input), 'not a string');
  if (input === '') throw new VersionError(input, 'empty');
  if (/^[vV]/.test(input)) throw new VersionError(input, "a leading 'v' is not part of a semantic version");
  const plus = input.indexOf('+');
  const beforeBuild = plus < 0 ? input : input.slice(0, plus);
  const build = plus < 0 ? [] : identifiers(input, input.slice(plus + 1), 'build');
  const dash = beforeBuild.indexOf('-');
  const core = dash < 0 ? beforeBuild : beforeBuild.slice(0, dash);
  const prerelease = dash < 0 ? [] : identifiers(input, beforeBuild.slice(dash + 1), 'pre-release');
  const parts = core.split('.');
  if (parts.length !== 3) throw new VersionError(input, `${parts.length} dot-separated numbers where MAJOR.MINOR.PATCH needs 3`);
  return {
    major: coreNumber(input, parts[0], 'MAJOR'),
    minor: coreNumber(input, parts[1], 'MINOR'),
    patch: coreNumber(input, parts[2], 'PATCH'),
    prerelease,
    build,
    text: input,
  };
}

/** Digit strings without leading zeros: the longer is larger, else compare as text. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** §11.4: identifiers compared one by one; numeric < alphanumeric; a longer list wins a tie. */
function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    const xNum = DIGITS.test(x);
    const yNum = DIGITS.test(y);
    let c: number;
    if (xNum && yNum) c = compareDigits(x, y);
    else if (xNum !== yNum) c = xNum ? -1 : 1;
    else c = x < y ? -1 : x > y ? 1 : 0; // ASCII order
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Precedence of two versions (semver 2.0.0 §11): -1 if a < b, 0 if equal (build ignored), 1 if a > b. */
export function compareVersions(a: string | SemVer, b: string | SemVer): -1 | 0 | 1 {
  const x = typeof a === 'string' ? parseVersion(a) : a;
  const y = typeof b === 'string' ? parseVersion(b) : b;
  const c = x.major !== y.major ? x.major - y.major
    : x.minor !== y.minor ? x.minor - y.minor
      : x.patch !== y.patch ? x.patch - y.patch
        : comparePrerelease(x.prerelease, y.prerelease);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/** True when the image's version has higher precedence than the device's (equal is not newer). */
export function isNewer(image: string | SemVer, device: string | SemVer): boolean {
  return compareVersions(image, device) > 0;
}
