// `npm start` runs this first. Installs never run electron's own download script (it is
// denied in package.json's allowScripts, so `npm ci` works on machines without GitHub
// access); the Electron binary is fetched here, the first time someone starts the app.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log('Downloading the Electron binary (first start only)…');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  if (result.status !== 0) {
    console.error('Could not download Electron. Check your internet connection (or ELECTRON_MIRROR) and run npm start again.');
    process.exit(result.status ?? 1);
  }
}
