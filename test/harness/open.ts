// `npm run harness`: opens the app in Debian's Chromium against the real core, without Electron.
// With a display it opens a window and waits until you close it; headless, it writes a
// screenshot of each screen to a folder and prints where.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { Language } from '../../shared/i18n/languages';
import { chromiumLaunchOptions } from './chromium';
import { attachHarness, repoRoot } from './harness';
import { screens } from './screens';

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.argv.includes('--headless');
// `npm run harness -- --lang ja`: the station starts as on a computer set to that language (en, ja, zh-Hans, zh-Hant).
const langAt = process.argv.indexOf('--lang');
const lang = langAt >= 0 ? Language.parse(process.argv[langAt + 1]) : 'en';

execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: !headed });
const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, locale: lang });
const harness = await attachHarness(page, { systemLocale: lang });

if (headed) {
  console.log(`Flex Forward Station is open in Chromium (${harness.url}); close the window to stop.`);
  await new Promise<void>((resolve) => page.on('close', () => resolve()));
} else {
  const outDir = join(repoRoot, '.test-output', 'harness-screens', lang);
  mkdirSync(outDir, { recursive: true });
  for (const screen of screens) {
    await screen.open(page);
    await page.screenshot({ path: join(outDir, `${screen.name}.png`), fullPage: true });
  }
  console.log(`Screenshots of ${screens.length} screen(s) written to ${outDir}`);
}
await harness.close();
await browser.close();
