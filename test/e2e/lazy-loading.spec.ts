import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot } from '../harness/harness';
import { expect, screenshot, test } from './fixtures';

/*
 * What the renderer fetches when: the initial JS (as scripts/size.mjs counts it from the build)
 * at first paint, each other screen's code when it is first opened, pdf.js when the first
 * document is shown. Chunk file names are not assumed: the build output is read instead.
 */

interface Measured {
  initial: { files: { file: string }[] };
  lazy: { files: { file: string }[] };
}

function measured(): Measured {
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'size.mjs'), '--json'], { encoding: 'utf8' });
  return JSON.parse(run.stdout) as Measured;
}

/** The lazy files that are pdf.js (the library and its worker): they carry its version. */
function pdfJsFiles(m: Measured): string[] {
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'pdfjs-dist', 'package.json'), 'utf8')) as { version: string };
  return m.lazy.files.map((f) => f.file).filter((file) => readFileSync(join(repoRoot, 'dist', 'renderer', file), 'utf8').includes(version));
}

const assetPath = (url: string) => new URL(url).pathname.replace(/^\//, '');

/** Every script request, with a query too (a screen fetched again comes as `…/Screen-x.js?retry=1`). */
const scripts = (url: URL) => /\.m?js$/.test(url.pathname);

/** Every script file the page (and its workers) requested so far, as paths like assets/x.js. */
function scriptLog(page: Page): () => string[] {
  const requested: string[] = [];
  page.on('request', (request) => {
    const path = assetPath(request.url());
    if (/\.m?js$/.test(path) && !requested.includes(path)) requested.push(path);
  });
  return () => [...requested];
}

/** Scripts the document itself loaded (Resource Timing), including those before the test could listen. */
const documentScripts = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.replace(/^\//, ''))
      .filter((path) => /\.m?js$/.test(path)),
  );

async function startDemo(page: Page) {
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await expect(page.getByRole('heading', { name: 'New label' })).toBeVisible();
}

test('first paint loads only the initial JS; each other screen, and pdf.js, arrive when first shown', async ({ harness }) => {
  const { page } = harness;
  const size = measured();
  const pdfjs = pdfJsFiles(size);
  expect(pdfjs).toHaveLength(2);
  const later = scriptLog(page);
  await startDemo(page);
  expect(new Set(await documentScripts(page))).toEqual(new Set(size.initial.files.map((f) => f.file)));

  const nav = page.getByRole('navigation', { name: 'Screens' });
  const screens: [string, string][] = [
    ['Batch', 'Batch labels from a CSV'],
    ['History', 'History'],
    ['Status', 'Station status'],
    ['Settings', 'Settings'],
  ];
  for (const [button, heading] of screens) {
    const before = later();
    await nav.getByRole('button', { name: button }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeFocused();
    const fetched = later().filter((f) => !before.includes(f));
    expect(fetched.length, `${button} fetched its code when opened`).toBeGreaterThan(0);
    expect(fetched.filter((f) => size.initial.files.some((i) => i.file === f))).toEqual([]);
  }
  // A screen opened before is not fetched again.
  const seen = later();
  await nav.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History', exact: true })).toBeFocused();
  expect(later()).toEqual(seen);
  expect(later().filter((f) => pdfjs.includes(f))).toEqual([]);

  const beforeStation = later();
  await nav.getByRole('button', { name: 'Station mode' }).click();
  await expect(page.getByRole('heading', { name: 'Station mode' })).toBeVisible();
  expect(later().length).toBeGreaterThan(beforeStation.length);
  expect(later().filter((f) => pdfjs.includes(f))).toEqual([]);

  // The first document shown (the command sheet) fetches pdf.js and its worker, and draws.
  await page.getByRole('button', { name: 'Command barcodes' }).click();
  const sheet = page.getByRole('img', { name: 'Command barcode sheet' });
  await expect(sheet).toHaveAttribute('aria-busy', 'false');
  expect(
    later()
      .filter((f) => pdfjs.includes(f))
      .sort(),
  ).toEqual([...pdfjs].sort());
});

test('a screen whose code arrives late says so, then takes focus when it arrives', async ({ harness }) => {
  const { page } = harness;
  await startDemo(page);
  const initial = await documentScripts(page);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(scripts, async (route) => {
    if (!initial.includes(assetPath(route.request().url()))) await held;
    await route.continue();
  });

  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('First name')).toBeFocused();
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('status').filter({ hasText: 'Opening History…' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  await screenshot(harness, 'lazy-screen-loading');
  release();
  await expect(page.getByRole('heading', { level: 1, name: 'History', exact: true })).toBeFocused();
  await expect(page.getByText('Opening History…')).toHaveCount(0);
  await screenshot(harness, 'lazy-screen-arrived');
});

test('a screen whose code cannot be fetched says so instead of a blank window, and loads when opened again', async ({ harness }) => {
  const { page } = harness;
  await startDemo(page);
  const initial = await documentScripts(page);
  await page.route(scripts, (route) => (initial.includes(assetPath(route.request().url())) ? route.continue() : route.abort('failed')));

  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('button', { name: 'Status' }).click();
  await expect(page.getByRole('alert')).toContainText('Status could not be opened');
  await expect(nav).toBeVisible();

  await page.unroute(scripts);
  await nav.getByRole('button', { name: 'New label' }).click();
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('First name')).toBeFocused();
  await nav.getByRole('button', { name: 'Status' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Station status' })).toBeFocused();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Station mode has no header: its message comes with the way back.
  const loaded = await documentScripts(page);
  await page.route(scripts, (route) => (loaded.includes(assetPath(route.request().url())) ? route.continue() : route.abort('failed')));
  await nav.getByRole('button', { name: 'Station mode' }).click();
  await expect(page.getByRole('alert')).toContainText('Station mode could not be opened');
  await expect(nav).toHaveCount(0);
  await screenshot(harness, 'lazy-screen-failed');
  await page.getByRole('button', { name: 'Back to New label' }).click();
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('First name')).toBeFocused();
});
