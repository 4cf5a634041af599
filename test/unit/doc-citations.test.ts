import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Keeps the documents that comments cite honest: a newcomer who clones the repository must
// find every file and section a comment points at. The design notes and API notes the project
// started from are not in the repository; their content lives in docs/.

const root = join(import.meta.dirname, '..', '..');
const ARCHITECTURE = 'docs/architecture.md';
const CONTRACT = 'docs/api-contract.md';

/** Folders whose files are scanned, and files at the top level. */
const SCANNED_DIRS = ['electron', 'shared', 'renderer', 'test', 'bench', 'scripts', '.ci'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.test-output', 'test-results', 'playwright-report']);
const CODE = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs']);
/** Files read whole: their comments are most of what they say, or they are prose. */
const TEXT = new Set(['.md', '.sh', '.yml', '.yaml']);

interface Passage {
  file: string;
  line: number;
  text: string;
  /** Source comment (true) or prose from a markdown or shell file (false). */
  code: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : walk(path);
    return [path];
  });
}

function scannedFiles(): string[] {
  const top = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isFile() && (CODE.has(extname(e.name)) || TEXT.has(extname(e.name))))
    .map((e) => e.name);
  // docs/architecture.md cites the contract's sections like code does; the contract itself
  // refers to its own sections by bare number.
  const files = [...top, ARCHITECTURE, ...SCANNED_DIRS.filter((d) => existsSync(join(root, d))).flatMap(walk)];
  // .ci/run and .ci/node24.sh have no extension or a .sh one: shell files are read whole.
  return files.filter((f) => CODE.has(extname(f)) || TEXT.has(extname(f)) || f.startsWith('.ci/'));
}

/**
 * Every comment of a TypeScript or JavaScript source, found through the compiler's own tokens
 * (so `//` inside a string, a regular expression or JSX text is not a comment).
 */
function commentsOf(fileName: string, source: string): { pos: number; text: string }[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const found = new Map<number, string>();
  const visit = (node: ts.Node) => {
    // JSDoc is trivia of the token after it; its own nodes would only repeat it.
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(sourceFile);
    if (children.length > 0) {
      for (const child of children) visit(child);
      return;
    }
    // A token: the text between its full start and its start is trivia (space and comments).
    // JSX text is text, whatever it looks like.
    if (node.kind === ts.SyntaxKind.JsxText) return;
    const start = node.getStart(sourceFile);
    for (const match of source.slice(node.pos, start).matchAll(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)) {
      found.set(node.pos + match.index, match[0]);
    }
  };
  visit(sourceFile);
  return [...found.entries()].sort(([a], [b]) => a - b).map(([pos, text]) => ({ pos, text }));
}

const lineAt = (source: string, pos: number) => source.slice(0, pos).split('\n').length;

function passages(): Passage[] {
  const all: Passage[] = [];
  for (const file of scannedFiles()) {
    if (file === 'test/unit/doc-citations.test.ts') continue;
    const source = readFileSync(join(root, file), 'utf8');
    const chunks = CODE.has(extname(file))
      ? commentsOf(file, source).map((c) => ({ ...c, code: true }))
      : [{ pos: 0, text: source, code: false }];
    for (const chunk of chunks) {
      const first = lineAt(source, chunk.pos);
      chunk.text.split('\n').forEach((text, i) => all.push({ file, line: first + i, text, code: chunk.code }));
    }
  }
  return all;
}

/** Section numbers (`7`, `4.1`, `14.10`) and titles of a markdown file's headings. */
function headings(doc: string): { numbers: Set<string>; titles: Set<string> } {
  const numbers = new Set<string>();
  const titles = new Set<string>();
  for (const line of readFileSync(join(root, doc), 'utf8').split('\n')) {
    const heading = /^#{1,6}\s+(.+?)\s*$/.exec(line);
    if (!heading) continue;
    titles.add(heading[1]!);
    const number = /^(\d+(?:\.\d+)*)\.?\s/.exec(heading[1]!);
    if (number) numbers.add(number[1]!);
  }
  return { numbers, titles };
}

/** A `*.md` name as a comment writes it, resolved from the repository root or from the citing file. */
function documentExists(citingFile: string, name: string): boolean {
  const clean = name.replace(/^\.\//, '');
  return existsSync(join(root, clean)) || existsSync(join(root, dirname(citingFile), clean));
}

const where = (p: Passage) => `${p.file}:${p.line}`;

describe('document citations', () => {
  const all = passages();
  const contract = headings(CONTRACT);
  const architecture = headings(ARCHITECTURE);

  it('the comment extractor sees comments only, including JSX ones and those at the end of a block', () => {
    const source = [
      "const url = 'http://example.test/ARCHITECTURE.md'; // after code",
      'const re = /\\/\\/ SPEC/;',
      'function f() {',
      '  f();',
      '  /* last in the block */',
      '}',
      'const el = <p>// not a comment {/* in JSX */}</p>;',
    ].join('\n');
    expect(commentsOf('x.tsx', source).map((c) => c.text)).toEqual(['// after code', '/* last in the block */', '/* in JSX */']);
  });

  it('finds the citations it checks (so it cannot pass by reading nothing)', () => {
    const sections = all.filter((p) => p.code && p.text.includes('§'));
    const architectureCitations = all.filter((p) => p.code && p.text.includes(ARCHITECTURE));
    expect(sections.length).toBeGreaterThanOrEqual(20);
    expect(architectureCitations.length).toBeGreaterThanOrEqual(5);
  });

  it('cites no document that is not in the repository (the original notes, a style guide)', () => {
    const problems = all
      .filter((p) => /\bARCHITECTURE(\.md)?\b|\bSPEC(\.md)?\b|\bSTYLE\.md\b/.test(p.text))
      .map((p) => `${where(p)}: cites a document outside the repository; cite ${ARCHITECTURE} or ${CONTRACT} instead: ${p.text.trim()}`);
    expect(problems).toEqual([]);
  });

  it('every cited markdown file and docs/ path exists', () => {
    const problems: string[] = [];
    for (const p of all) {
      for (const [name] of p.text.matchAll(/[\w./-]*[\w-]\.md\b/g)) {
        if (!documentExists(p.file, name)) problems.push(`${where(p)}: ${name} does not exist`);
      }
      for (const [path] of p.text.matchAll(/(?<![\w./-])docs\/[\w./-]*/g)) {
        const clean = path.replace(/[./]+$/, '');
        if (!existsSync(join(root, clean))) problems.push(`${where(p)}: ${clean} does not exist`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it(`every § names a section heading of ${CONTRACT}, cited on the same line`, () => {
    const problems: string[] = [];
    for (const p of all) {
      if (!p.text.includes('§')) continue;
      const cited = p.text.indexOf(CONTRACT);
      for (const match of p.text.matchAll(/§\s*(\d+(?:\.\d+)*)?/g)) {
        const number = match[1];
        if (cited < 0 || match.index < cited) problems.push(`${where(p)}: “${match[0]}” without ${CONTRACT} before it on the line`);
        else if (!number || !contract.numbers.has(number)) problems.push(`${where(p)}: ${CONTRACT} has no section §${number ?? '?'}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it(`every ${ARCHITECTURE} citation in code names one of its sections`, () => {
    const problems: string[] = [];
    for (const p of all) {
      let from = p.text.indexOf(ARCHITECTURE);
      while (from >= 0) {
        const rest = p.text.slice(from + ARCHITECTURE.length);
        const section = /^[`)\]]*,?\s*[“"]([^”"]+)[”"]/.exec(rest)?.[1];
        if (section === undefined) {
          if (p.code) problems.push(`${where(p)}: cite a section, e.g. ${ARCHITECTURE}, "Printing"`);
        } else if (!architecture.titles.has(section)) {
          problems.push(`${where(p)}: ${ARCHITECTURE} has no section "${section}"`);
        }
        from = p.text.indexOf(ARCHITECTURE, from + 1);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the docs name only repository paths that exist', () => {
    const problems: string[] = [];
    for (const doc of readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(root, 'docs', doc), 'utf8');
      for (const [, path] of text.matchAll(/`((?:electron|shared|renderer|test|bench|scripts|docs|\.ci)\/[^`\s]*)`/g)) {
        if (!existsSync(join(root, path!))) problems.push(`docs/${doc}: \`${path}\` does not exist`);
      }
      // Section citations inside the docs themselves.
      for (const [, section] of text.matchAll(/docs\/architecture\.md`?,\s*[“"]([^”"]+)[”"]/g)) {
        if (!architecture.titles.has(section!)) problems.push(`docs/${doc}: ${ARCHITECTURE} has no section "${section}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
