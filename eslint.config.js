// Flat config. Besides the usual TypeScript rules it enforces the folder boundaries that
// keep the token and the network in the main process (see README, "Security model").
// test/unit/lint-boundaries.test.ts lints a bad fixture per rule so they cannot silently stop working.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC: raw ipcMain/ipcRenderer belong only in electron/ipc-register.ts and electron/preload.ts.',
};
const rawIpcProperties = ['ipcMain', 'ipcRenderer'].map((property) => ({
  object: 'electron',
  property,
  message: rawIpc.message,
}));

const nodeAndElectron = [
  { name: 'electron', message: 'renderer/ and shared/ run without Electron: talk to main through window.station.' },
  { name: 'keytar', message: 'The keychain belongs to the main process.' },
  { name: 'electron-store', message: 'Settings belong to the main process.' },
  { name: 'conf', message: 'Settings belong to the main process.' },
  ...nodeBuiltins.map((name) => ({ name, message: 'Node APIs are main-process only.' })),
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.test-output/**',
      'test/lint-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [rawIpc] }],
      'no-restricted-properties': ['error', ...rawIpcProperties],
    },
  },
  {
    // The two files allowed to touch raw IPC, and the test that pins them with a mocked electron.
    files: ['electron/ipc-register.ts', 'electron/preload.ts', 'test/unit/electron-shell.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-properties': 'off' },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'electron/core and the simulator are Electron-free so plain Node tests can run them; pass what you need in from main.ts.',
            },
            {
              name: 'electron-store',
              message: 'Take a conf-compatible store as a dependency instead (main passes electron-store, tests pass Conf).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeAndElectron,
          patterns: [
            { regex: '^(\\.\\./)+(electron|test|bench|scripts)(/|$)', message: 'renderer/ may import only shared/ and browser libraries.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
          name,
          message: 'The renderer has no network (CSP connect-src none): ask main through window.station.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].flatMap((object) =>
          ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((property) => ({
            object,
            property,
            message: 'The renderer has no network (CSP connect-src none): ask main through window.station.',
          })),
        ),
        { object: 'navigator', property: 'sendBeacon', message: 'The renderer has no network.' },
      ],
    },
  },
  {
    // Every word a person reads on a screen comes from the catalogues (shared/i18n/locales/):
    // text in JSX and string literals in JSX attributes and expressions fail here. Attributes
    // no person reads (class names, ids, input types, ARIA references) are left out.
    // test/unit/lint-boundaries.test.ts lints a fixture with a literal to keep the rule working.
    files: ['renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'should-validate-template': true,
          'jsx-attributes': {
            exclude: [
              'className',
              'style',
              'type',
              'key',
              'id',
              'name',
              'role',
              'htmlFor',
              'href',
              'lang',
              'value',
              'autoComplete',
              'inputMode',
              'pattern',
              'accept',
              'method',
              'rel',
              'target',
              'step',
              'min',
              'max',
              'form',
              'data-.*',
              'aria-(controls|describedby|labelledby|owns|activedescendant|live|haspopup|current|expanded|selected|checked|pressed|hidden|busy|invalid|required|modal|orientation|sort|autocomplete)',
            ],
          },
          message: 'A person reads this: put it in the catalogues (shared/i18n/locales/) and show it with t().',
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeAndElectron,
            { name: 'react', message: 'shared/ is pure TypeScript: no React.' },
            { name: 'react-dom', message: 'shared/ is pure TypeScript: no React.' },
          ],
          patterns: [
            { regex: '^(\\.\\./)+(electron|renderer|test|bench|scripts)(/|$)', message: 'shared/ imports nothing from the other folders.' },
            { regex: '^react(-dom)?/', message: 'shared/ is pure TypeScript: no React.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', 'window', 'document'],
    },
  },
);
