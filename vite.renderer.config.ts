import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/security/csp';

/** Writes the production CSP into index.html as a <meta> tag, from the one shared constant. */
function cspMeta(): Plugin {
  return {
    name: 'station-csp-meta',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome140',
    // Vite's module preload polyfill is an inline script, which the CSP forbids.
    modulePreload: { polyfill: false },
  },
});
