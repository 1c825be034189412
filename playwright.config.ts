import { defineConfig } from '@playwright/test';
// Shared with the install test and the benchmarks: Debian's Chromium and its flags.
import { chromiumLaunchOptions } from './scripts/lib/harness';

const baseURL = process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007';

/**
 * Browser tests run Debian's Chromium (never a downloaded browser) against the backend
 * serving the built front end; `make e2e` builds the app and installs Chromium first.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // A journey is dozens of steps by several people; on a busy 2-core machine each step
  // takes 2-4 s, and the longest journey (a whole review) ran past 90 s there.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '.cache/e2e-results.json' }]],
  outputDir: '.cache/e2e-test-results',
  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        {
          command:
            'yarn workspace backend start --config ../../app-config.yaml --config ../../app-config.e2e.yaml',
          url: `${baseURL}/.backstage/health/v1/readiness`,
          reuseExistingServer: !process.env.CI,
          timeout: 180_000,
          // The backend's request log would drown the test report; errors still show.
          stdout: 'ignore',
        },
      ],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    // Recording a trace costs a fifth of the journeys' CPU (measured: 233 against 192
    // CPU-s for ten journeys), so CI records one only for a failed test's retry.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
