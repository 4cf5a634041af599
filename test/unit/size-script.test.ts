import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const node = (script: string, ...args: string[]) => spawnSync(process.execPath, [join(root, script), ...args], { encoding: 'utf8' });

interface Row {
  file: string;
  raw: number;
  gzip: number;
}
interface Measured {
  budget: number;
  initial: { gzip: number; raw: number; files: Row[] };
  lazy: { gzip: number; raw: number; files: Row[] };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A built renderer folder shaped like Vite's output: index.html plus assets/. */
function renderer(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ffs-size-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const html = (head: string) => `<!doctype html><html><head>${head}</head><body><div id="root"></div></body></html>`;
/** Text that gzip cannot shrink much: base64 of random bytes. */
const incompressible = (bytes: number) => `var blob="${randomBytes(bytes).toString('base64')}";`;

describe('scripts/size.mjs', () => {
  it('counts the entry, its modulepreloads and their static imports as initial; dynamic imports and workers as lazy', () => {
    const dir = renderer({
      'index.html': html(
        '<script type="module" crossorigin src="./assets/index-a1.js"></script><link rel="modulepreload" crossorigin href="./assets/react-b2.js"><link rel="stylesheet" href="./assets/index-c3.css">',
      ),
      'assets/index-a1.js':
        'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./History-d4.js"])))=>i.map(i=>d[i]);import{a as e}from"./react-b2.js";import"./side-e5.js";' +
        'const s=()=>import(`./History-d4.js`),w=new URL(`worker-f6.mjs`,import.meta.url);export{e};',
      'assets/react-b2.js': 'export*from"./shared-g7.js";export const a=1;',
      'assets/shared-g7.js': 'export const g=1;',
      'assets/side-e5.js': 'console.log(1);',
      'assets/History-d4.js': 'import{a as e}from"./react-b2.js";export const History=e;',
      'assets/worker-f6.mjs': 'self.onmessage=()=>{};',
      'assets/index-c3.css': 'body{margin:0}',
    });
    const run = node('scripts/size.mjs', dir, '--json');
    expect(run.status, run.stderr).toBe(0);
    const m = JSON.parse(run.stdout) as Measured;
    expect(m.initial.files.map((f) => f.file).sort()).toEqual([
      'assets/index-a1.js',
      'assets/react-b2.js',
      'assets/shared-g7.js',
      'assets/side-e5.js',
    ]);
    expect(m.lazy.files.map((f) => f.file).sort()).toEqual(['assets/History-d4.js', 'assets/worker-f6.mjs']);
    expect(m.initial.raw).toBe(m.initial.files.reduce((n, f) => n + f.raw, 0));
    expect(m.initial.gzip).toBe(m.initial.files.reduce((n, f) => n + f.gzip, 0));
    expect(m.budget).toBe(150_000);
  });

  it('prints the table and passes within the budget; fails (exit 1) over it, however big the lazy chunks are', () => {
    const small = renderer({
      'index.html': html('<script type="module" src="./assets/index.js"></script>'),
      'assets/index.js': 'const p=()=>import("./pdf.js");',
      'assets/pdf.js': incompressible(400_000),
    });
    const ok = node('scripts/size.mjs', small);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('assets/pdf.js');
    expect(ok.stdout.trim().split('\n').at(-1)).toMatch(
      /^size: initial renderer JS 0\.\d kB gzipped \(0\.\d kB raw\), within the 150\.0 kB budget; 1 file loaded later, \d+\.\d kB gzipped$/,
    );

    const big = renderer({
      'index.html': html('<script type="module" src="./assets/index.js"></script>'),
      'assets/index.js': 'import"./pdf.js";',
      'assets/pdf.js': incompressible(200_000),
    });
    const over = node('scripts/size.mjs', big);
    expect(over.status).toBe(1);
    expect(over.stdout.trim().split('\n').at(-1)).toMatch(/^size: initial renderer JS \d+\.\d kB gzipped .*, OVER the 150\.0 kB budget/);
  });

  it('says to build first (exit 2) when there is no build, and reports a referenced chunk that is missing', () => {
    const none = node('scripts/size.mjs', join(tmpdir(), 'ffs-size-nothing-here'));
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('npm run build');

    const broken = renderer({
      'index.html': html('<script type="module" src="./assets/index.js"></script>'),
      'assets/index.js': 'import"./gone.js";',
    });
    const run = node('scripts/size.mjs', broken);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('assets/gone.js is referenced by the build but missing');
  });
});

describe('test/summarize.mjs with the size report', () => {
  const reports = (size: Partial<Measured> | null) => {
    const dir = mkdtempSync(join(tmpdir(), 'ffs-summary-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'vitest.json'),
      JSON.stringify({ numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, success: true }),
    );
    writeFileSync(join(dir, 'playwright.json'), JSON.stringify({ stats: { expected: 2, unexpected: 0, flaky: 0, skipped: 0 } }));
    if (size) writeFileSync(join(dir, 'size.json'), JSON.stringify(size));
    return node('test/summarize.mjs', join(dir, 'vitest.json'), join(dir, 'playwright.json'), join(dir, 'size.json'));
  };
  const measured = (gzip: number): Measured => ({
    budget: 150_000,
    initial: { gzip, raw: gzip * 3, files: [{ file: 'assets/index.js', gzip, raw: gzip * 3 }] },
    lazy: { gzip: 500_000, raw: 1_700_000, files: [{ file: 'assets/pdf.js', gzip: 500_000, raw: 1_700_000 }] },
  });

  it('prints the size line before the closing count, which stays the last line', () => {
    const run = reports(measured(112_700));
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-2)).toBe(
      'size:       initial renderer JS 112.7 kB gzipped (338.1 kB raw), within the 150.0 kB budget; 1 file loaded later, 500.0 kB gzipped',
    );
    expect(lines.at(-1)).toBe('5 passed, 0 failed');
  });

  it('counts an initial JS over the budget, or no size report, as a failure', () => {
    const over = reports(measured(150_001));
    expect(over.status).toBe(1);
    expect(over.stdout).toContain('OVER the 150.0 kB budget');
    expect(over.stdout.trim().split('\n').at(-1)).toBe('5 passed, 1 failed');

    const missing = reports(null);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('size:       no report');
    expect(missing.stdout.trim().split('\n').at(-1)).toBe('5 passed, 1 failed');
  });
});
