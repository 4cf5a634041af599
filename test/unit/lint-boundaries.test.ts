import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints a fixture's text as if it lived at `virtualPath`, so the folder rules apply to it. */
async function lintAs(fixture: string, virtualPath: string) {
  const code = readFileSync(join(root, 'test', 'lint-fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, virtualPath) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

const cases: { fixture: string; as: string; rule: string; says: RegExp }[] = [
  { fixture: 'renderer-imports-electron.ts', as: 'renderer/src/bad.ts', rule: 'no-restricted-imports', says: /window\.station/ },
  { fixture: 'renderer-imports-node.ts', as: 'renderer/src/bad.ts', rule: 'no-restricted-imports', says: /main-process only/ },
  { fixture: 'renderer-imports-main-code.ts', as: 'renderer/src/bad.ts', rule: 'no-restricted-imports', says: /only shared\// },
  { fixture: 'renderer-fetch.ts', as: 'renderer/src/bad.ts', rule: 'no-restricted-globals', says: /no network/ },
  { fixture: 'renderer-window-fetch.ts', as: 'renderer/src/bad.ts', rule: 'no-restricted-properties', says: /no network/ },
  { fixture: 'renderer-xhr.ts', as: 'renderer/src/bad.ts', rule: 'no-restricted-globals', says: /no network/ },
  { fixture: 'renderer-websocket.ts', as: 'renderer/src/bad.ts', rule: 'no-restricted-globals', says: /no network/ },
  { fixture: 'shared-imports-node.ts', as: 'shared/domain/bad.ts', rule: 'no-restricted-imports', says: /main-process only/ },
  { fixture: 'shared-imports-react.ts', as: 'shared/domain/bad.ts', rule: 'no-restricted-imports', says: /no React/ },
  {
    fixture: 'shared-imports-main-code.ts',
    as: 'shared/domain/bad.ts',
    rule: 'no-restricted-imports',
    says: /nothing from the other folders/,
  },
  { fixture: 'core-imports-electron.ts', as: 'electron/core/bad.ts', rule: 'no-restricted-imports', says: /Electron-free/ },
  { fixture: 'core-imports-electron-store.ts', as: 'electron/core/bad.ts', rule: 'no-restricted-imports', says: /conf-compatible store/ },
  { fixture: 'core-imports-electron.ts', as: 'electron/simulator/bad.ts', rule: 'no-restricted-imports', says: /Electron-free/ },
  { fixture: 'raw-ipc-outside-register.ts', as: 'electron/window-bad.ts', rule: 'no-restricted-imports', says: /typed IPC/ },
  { fixture: 'raw-ipc-namespace.ts', as: 'electron/window-bad.ts', rule: 'no-restricted-properties', says: /typed IPC/ },
  { fixture: 'renderer-literal-string.tsx', as: 'renderer/src/features/bad.tsx', rule: 'i18next/no-literal-string', says: /catalogues/ },
];

describe('folder boundaries enforced by lint', () => {
  it.each(cases)('$fixture linted as $as breaks $rule', async ({ fixture, as, rule, says }) => {
    const messages = await lintAs(fixture, as);
    const hit = messages.find((m) => m.rule === rule);
    expect(hit, JSON.stringify(messages)).toBeDefined();
    expect(hit!.message).toMatch(says);
  });

  it('finds both the JSX text and the attribute a person reads, and lets translated words and ids through', async () => {
    const literal = await lintAs('renderer-literal-string.tsx', 'renderer/src/features/bad.tsx');
    expect(literal.filter((m) => m.rule === 'i18next/no-literal-string')).toHaveLength(2);
    const translated = await lintAs('renderer-translated-string.tsx', 'renderer/src/features/ok.tsx');
    expect(translated.filter((m) => m.rule === 'i18next/no-literal-string')).toEqual([]);
  });

  it('lets the registration and preload files use raw IPC', async () => {
    expect(await lintAs('raw-ipc-outside-register.ts', 'electron/ipc-register.ts')).toEqual([]);
    expect(await lintAs('raw-ipc-outside-register.ts', 'electron/preload.ts')).toEqual([]);
  });

  it('lets Electron shell files import electron and core import Node', async () => {
    expect(await lintAs('core-imports-electron.ts', 'electron/window-ok.ts')).toEqual([]);
    expect(await lintAs('shared-imports-node.ts', 'electron/core/ok.ts')).toEqual([]);
  });

  it('passes the real tree (the boundaries hold today)', async () => {
    const results = await eslint.lintFiles([
      'renderer',
      'shared',
      'electron/main.ts',
      'electron/preload.ts',
      'electron/ipc-register.ts',
      'electron/core',
    ]);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}: ${m.ruleId} ${m.message}`));
    expect(errors).toEqual([]);
  });
});
