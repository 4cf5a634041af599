import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/harness/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: '.test-output/playwright',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.FFS_PLAYWRIGHT_JSON ? [['list'], ['json', { outputFile: process.env.FFS_PLAYWRIGHT_JSON }]] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 820 },
    launchOptions: chromiumLaunchOptions,
    trace: 'off',
  },
});
