import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createImportThreads } from '../../electron/core/batch/import-thread';
import { repoRoot } from '../harness/harness';
import { expect, test } from './fixtures';

const dist = join(repoRoot, 'dist');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

test('the build ships no source maps', () => {
  const maps = files(dist).filter((f) => f.endsWith('.map') || readFileSync(f, 'latin1').includes('sourceMappingURL='));
  expect(maps.map((f) => relative(dist, f))).toEqual([]);
});

test('the preload is one CommonJS file that requires nothing but electron and holds no test code', () => {
  expect(readdirSync(join(dist, 'preload'))).toEqual(['preload.cjs']);
  const preload = readFileSync(join(dist, 'preload', 'preload.cjs'), 'utf8');
  const requires = [...preload.matchAll(/\brequire\s*\(\s*([^)]*)\)/g)].map((m) => m[1]);
  expect(requires).toEqual(['"electron"']);
  expect(preload).not.toMatch(/^\s*import\s/m);
  expect(preload).not.toMatch(/import\(/);
  expect(preload).not.toMatch(/vitest|@playwright|describe\(|expect\(|test\/|lint-fixtures|zod/);
  expect(preload).toContain('exposeInMainWorld("station"');
});

test('main and renderer bundles hold no test code', () => {
  for (const file of files(dist)) {
    expect(readFileSync(file, 'utf8'), relative(dist, file)).not.toMatch(/from "vitest"|@playwright\/test|lint-fixtures|test\/harness/);
  }
});

test('pdf.js and the screens not shown at first paint load lazily: the initial renderer JS is within its budget (npm run size)', () => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'size.mjs'), '--json'], { encoding: 'utf8' });
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  const size = JSON.parse(run.stdout) as {
    budget: number;
    initial: { gzip: number; files: { file: string }[] };
    lazy: { files: { file: string }[] };
  };
  expect(size.budget).toBe(150_000);
  expect(size.initial.gzip).toBeLessThanOrEqual(size.budget);
  // pdf.js carries its version (its API and its worker check that they match): only lazy files may hold it.
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'pdfjs-dist', 'package.json'), 'utf8')) as { version: string };
  const holdsPdfJs = ({ file }: { file: string }) => readFileSync(join(dist, 'renderer', file), 'utf8').includes(version);
  expect(size.initial.files.filter(holdsPdfJs)).toEqual([]);
  expect(size.lazy.files.filter(holdsPdfJs).length).toBeGreaterThanOrEqual(2);
});

test('the batch import worker is its own self-contained file beside main, and the code bundled in main runs a job in it', async () => {
  expect(readdirSync(join(dist, 'main')).sort()).toEqual(['import-worker.mjs', 'main.mjs']);
  const worker = readFileSync(join(dist, 'main', 'import-worker.mjs'), 'utf8');
  // Only Node's own modules: it runs unpacked from the asar archive, away from node_modules.
  const imports = [...worker.matchAll(/^import\s[^'"]*["']([^'"]+)["']/gm)].map((m) => m[1]);
  expect(imports.length).toBeGreaterThan(0);
  expect(imports.filter((name) => !name!.startsWith('node:'))).toEqual([]);
  expect(readFileSync(join(dist, 'main', 'main.mjs'), 'utf8')).toContain('"./import-worker.mjs"');

  // The built worker, started the way the bundled main starts it (its URL seen from main.mjs).
  const threads = createImportThreads({
    logger: { error: () => undefined },
    moduleUrl: pathToFileURL(join(dist, 'main', 'main.mjs')).href,
  });
  try {
    const bytes = new TextEncoder().encode('Order number,City\r\nA-1,Tokyo\r\nA-1,Tokyo\r\nB-2,Osaka\r\n');
    const result = await threads.run({
      kind: 'import',
      bytes,
      defaults: { courier: null, productCode: null, labelFormat: 'PDF', units: 'metric', sender: null, preset: null },
    });
    expect(result.table.headers).toEqual(['Order number', 'City']);
    expect(Array.from(result.table.rowNumbers)).toEqual([2, 3, 4]);
    expect(Array.from(result.orders.starts)).toEqual([0, 2, 3]);
    await expect(
      threads.run({
        kind: 'import',
        bytes: new Uint8Array(0),
        defaults: { courier: null, productCode: null, labelFormat: 'PDF', units: 'metric', sender: null, preset: null },
      }),
    ).rejects.toMatchObject({
      name: 'StationError',
      code: 'csv_empty',
    });
  } finally {
    await threads.close();
  }
});
