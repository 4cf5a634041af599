import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Builds the Electron side. `--mode main`: the main process as one ES module; npm
 * dependencies stay external (keytar is native, electron-store is ESM). `--mode preload`:
 * one CommonJS file with everything bundled except `electron`, because Electron loads a
 * sandboxed preload as a classic script that may require nothing else. `--mode import-worker`
 * (after main, into the same folder): the batch import worker, `dist/main/import-worker.mjs`,
 * that main starts beside itself (electron/core/batch/import-thread.ts). It is self-contained
 * (zod and papaparse bundled in, only Node's modules imported), so it runs unpacked from the
 * asar archive (electron-builder.yml) without reaching into the archive's node_modules.
 */
export default defineConfig(({ mode }) => {
  if (mode === 'import-worker') {
    return {
      publicDir: false,
      build: {
        outDir: 'dist/main',
        emptyOutDir: false,
        sourcemap: false,
        minify: false,
        target: 'node24',
        ssr: 'electron/core/batch/import-worker.ts',
        rolldownOptions: {
          external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
          output: { format: 'es', entryFileNames: 'import-worker.mjs', codeSplitting: false },
        },
      },
      ssr: { target: 'node', noExternal: true },
    };
  }
  if (mode !== 'main' && mode !== 'preload') throw new Error('Use --mode main, --mode import-worker or --mode preload');
  const preload = mode === 'preload';
  const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
  return {
    publicDir: false,
    build: {
      outDir: preload ? 'dist/preload' : 'dist/main',
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      target: 'node24',
      ssr: preload ? 'electron/preload.ts' : 'electron/main.ts',
      rolldownOptions: {
        external: preload ? ['electron'] : ['electron', ...nodeBuiltins],
        output: {
          format: preload ? 'cjs' : 'es',
          entryFileNames: preload ? 'preload.cjs' : 'main.mjs',
          codeSplitting: false,
        },
      },
    },
    ssr: preload ? { noExternal: true, external: ['electron'] } : { target: 'node' },
  };
});
