// `npm run size`: how much JavaScript the renderer loads before its first paint, read from the
// build output (run `npm run build` first). The initial JS is the entry script of
// dist/renderer/index.html, every <link rel="modulepreload"> there, and every chunk those import
// statically, transitively; everything else in dist/renderer/assets is loaded later, by a dynamic
// import() (pdf.js, the screens) or as a worker. Sizes are each file gzipped on its own with
// node:zlib at level 9, and raw; 1 kB = 1000 bytes, as Vite prints them.
// Exits 1 when the initial JS is over the budget, 2 when there is no build to read.
// Usage: node scripts/size.mjs [renderer dir, default dist/renderer] [--json] [--write file]
// `--json` prints the figures as one JSON object instead of the table; `--write` also saves
// them to a file (npm test's summary reads it: test/summarize.mjs).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The budget for the initial renderer JS, gzipped, in bytes (150 kB). */
export const INITIAL_JS_BUDGET = 150_000;

const isJs = (file) => file.endsWith('.js') || file.endsWith('.mjs');

/** Relative specifiers of the static `import`/`export … from` statements in minified ESM (not `import(…)`). */
function staticImports(code) {
  const specifiers = [];
  for (const m of code.matchAll(/(?<![\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?(["'])(\.{1,2}\/[^"'\n]+?)\1/g))
    specifiers.push(m[2]);
  return specifiers;
}

/** The scripts index.html loads itself: module entry scripts and modulepreload links (local ones only). */
function htmlScripts(html) {
  const tags = [...html.matchAll(/<(script|link)\b[^>]*>/gi)].map((m) => m[0]);
  const attr = (tag, name) => tag.match(new RegExp(`\\b${name}\\s*=\\s*(["'])(.*?)\\1`, 'i'))?.[2];
  const urls = [];
  for (const tag of tags) {
    const url = tag.toLowerCase().startsWith('<script')
      ? attr(tag, 'src')
      : attr(tag, 'rel')?.toLowerCase() === 'modulepreload'
        ? attr(tag, 'href')
        : undefined;
    if (url && !/^[a-z]+:|^\/\//i.test(url)) urls.push(url);
  }
  return urls;
}

const sizeOf = (path) => {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

/** Measures a built renderer folder (the one holding index.html). */
export function measure(rendererDir) {
  const root = resolve(rendererDir);
  const initial = new Set();
  const visit = (path) => {
    if (initial.has(path)) return;
    if (!existsSync(path)) throw new Error(`${relative(root, path)} is referenced by the build but missing`);
    initial.add(path);
    for (const spec of staticImports(readFileSync(path, 'utf8'))) visit(resolve(dirname(path), spec.split(/[?#]/)[0]));
  };
  for (const url of htmlScripts(readFileSync(join(root, 'index.html'), 'utf8'))) visit(resolve(root, url.split(/[?#]/)[0]));

  const all = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? all(join(dir, e.name)) : isJs(e.name) ? [join(dir, e.name)] : [],
    );
  const row = (path) => ({ file: relative(root, path).split(sep).join('/'), ...sizeOf(path) });
  const initialFiles = [...initial].map(row);
  const lazyFiles = all(root)
    .filter((path) => !initial.has(path))
    .map(row)
    .sort((a, b) => b.gzip - a.gzip);
  const sum = (rows, key) => rows.reduce((n, r) => n + r[key], 0);
  return {
    budget: INITIAL_JS_BUDGET,
    initial: { gzip: sum(initialFiles, 'gzip'), raw: sum(initialFiles, 'raw'), files: initialFiles },
    lazy: { gzip: sum(lazyFiles, 'gzip'), raw: sum(lazyFiles, 'raw'), files: lazyFiles },
  };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** One line: the initial JS against the budget (the last line of the report, and npm test's summary). */
export function summaryLine(m) {
  const verdict = m.initial.gzip <= m.budget ? 'within' : 'OVER';
  return `size: initial renderer JS ${kB(m.initial.gzip)} gzipped (${kB(m.initial.raw)} raw), ${verdict} the ${kB(m.budget)} budget; ${m.lazy.files.length} ${m.lazy.files.length === 1 ? 'file' : 'files'} loaded later, ${kB(m.lazy.gzip)} gzipped`;
}

function report(m) {
  const line = (r) => `  ${r.file.padEnd(48)} ${kB(r.gzip).padStart(10)} gzip ${kB(r.raw).padStart(11)} raw`;
  return [
    'Initial renderer JS (loaded before the first paint):',
    ...m.initial.files.map(line),
    'Loaded later (dynamic import or worker):',
    ...m.lazy.files.map(line),
    summaryLine(m),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args.splice(i, 2)[1];
  };
  const write = flag('--write');
  const json = args.includes('--json');
  const dir = args.find((a) => !a.startsWith('--')) ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'renderer');
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`size: ${join(relative(process.cwd(), dir) || '.', 'index.html')} is missing. Run \`npm run build\` first.`);
    process.exit(2);
  }
  const m = measure(dir);
  if (write) writeFileSync(write, JSON.stringify(m, null, 2));
  console.log(json ? JSON.stringify(m) : report(m));
  process.exit(m.initial.gzip <= m.budget ? 0 : 1);
}
