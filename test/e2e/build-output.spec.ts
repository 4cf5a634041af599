import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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
  const size = JSON.parse(run.stdout) as { budget: number; initial: { gzip: number; files: { file: string }[] }; lazy: { files: { file: string }[] } };
  expect(size.budget).toBe(150_000);
  expect(size.initial.gzip).toBeLessThanOrEqual(size.budget);
  // pdf.js carries its version (its API and its worker check that they match): only lazy files may hold it.
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'pdfjs-dist', 'package.json'), 'utf8')) as { version: string };
  const holdsPdfJs = ({ file }: { file: string }) => readFileSync(join(dist, 'renderer', file), 'utf8').includes(version);
  expect(size.initial.files.filter(holdsPdfJs)).toEqual([]);
  expect(size.lazy.files.filter(holdsPdfJs).length).toBeGreaterThanOrEqual(2);
});
