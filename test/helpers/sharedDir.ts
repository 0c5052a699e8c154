/**
 * Where the team's shared reference folder is (`../shared` next to the repository, or
 * $FUOTA_SIM_SHARED), or null when absent. No vitest import: the global setup reads it too.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
const candidate = process.env.FUOTA_SIM_SHARED ?? resolve(repoRoot, '..', 'shared');
export const sharedDir: string | null = existsSync(join(candidate, 'vectors')) ? candidate : null;
