import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // once per run, not once per test file: the notice about a missing ../shared
    globalSetup: ['test/helpers/globalSetup.ts'],
    // property tests draw from a fixed seed (FUOTA_SIM_PROPERTY_SEED picks another, or `random`)
    setupFiles: ['test/helpers/propertySeed.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
