import { describe, expect, it } from 'vitest';
import { failedModuleUrl, freshUrl, importAgain } from '../../renderer/src/lib/import-again';

const chromiumError = (url: string) => new TypeError(`Failed to fetch dynamically imported module: ${url}`);

describe('failedModuleUrl', () => {
  it('reads the module URL out of the browser’s message', () => {
    expect(failedModuleUrl(chromiumError('http://127.0.0.1:4173/assets/StatusView-BhGxB7Jc.js'))).toBe(
      'http://127.0.0.1:4173/assets/StatusView-BhGxB7Jc.js',
    );
    expect(failedModuleUrl(new TypeError('error loading dynamically imported module: app://renderer/assets/a-1.js.'))).toBe(
      'app://renderer/assets/a-1.js',
    );
  });

  it('finds none in an error that names no module', () => {
    expect(failedModuleUrl(new Error('x is not a function'))).toBeNull();
    expect(failedModuleUrl(undefined)).toBeNull();
  });
});

describe('freshUrl', () => {
  it('gives a query no earlier attempt used, replacing an earlier one', () => {
    const first = freshUrl('http://h/assets/a.js');
    const second = freshUrl(first);
    expect(first).toMatch(/^http:\/\/h\/assets\/a\.js\?retry=\d+$/);
    expect(second).toMatch(/^http:\/\/h\/assets\/a\.js\?retry=\d+$/);
    expect(second).not.toBe(first);
  });
});

describe('importAgain', () => {
  const url = 'http://h/assets/Screen-1.js';

  it('returns what the bundler’s import gives, without a second import', async () => {
    const asked: string[] = [];
    await expect(
      importAgain(
        async () => ({ Screen: 1 }),
        async (u) => asked.push(u),
      ),
    ).resolves.toEqual({ Screen: 1 });
    expect(asked).toEqual([]);
  });

  it('imports the failed module afresh when the browser kept its failure', async () => {
    const asked: string[] = [];
    const module = await importAgain(
      () => Promise.reject(chromiumError(url)),
      async (u) => {
        asked.push(u);
        return { Screen: 2 };
      },
    );
    expect(module).toEqual({ Screen: 2 });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^http:\/\/h\/assets\/Screen-1\.js\?retry=\d+$/);
  });

  it('reports the first error when the fresh import fails too, and does not retry other errors', async () => {
    const first = chromiumError(url);
    await expect(
      importAgain(
        () => Promise.reject(first),
        () => Promise.reject(chromiumError(`${url}?retry=9`)),
      ),
    ).rejects.toBe(first);
    const broken = new Error('Screen is not defined');
    let imported = false;
    await expect(
      importAgain(
        () => Promise.reject(broken),
        async () => (imported = true),
      ),
    ).rejects.toBe(broken);
    expect(imported).toBe(false);
  });
});
