import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, launched the way this machine allows: Playwright's own browser
 * download is unreachable, and without the background-networking flags Chromium keeps
 * trying to reach Google's hosts.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.FFS_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-default-apps',
    '--disable-features=Translate,MediaRouter,OptimizationHints',
  ],
};
