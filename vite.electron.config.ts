import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Builds the Electron side. `--mode main`: the main process as one ES module; npm
 * dependencies stay external (keytar is native, electron-store is ESM). `--mode preload`:
 * one CommonJS file with everything bundled except `electron`, because Electron loads a
 * sandboxed preload as a classic script that may require nothing else.
 */
export default defineConfig(({ mode }) => {
  if (mode !== 'main' && mode !== 'preload') throw new Error('Use --mode main or --mode preload');
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
