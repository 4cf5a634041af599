// Child process for the settings test: conf (as the app's electron-store) saves settings.json
// and this process dies between writing its temporary file and renaming it over the file, as
// a crash or a power cut leaves it. Usage: node --import tsx test/support/settings-crash-child.ts <userDataDir>
import fs from 'node:fs';

const [userDataDir] = process.argv.slice(2) as [string];
const rename = fs.renameSync;
// Patched before conf (and atomically's fs wrapper, which keeps a reference) is loaded.
fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
  if (String(from).includes('.tmp-')) process.kill(process.pid, 'SIGKILL');
  rename(from, to);
}) as typeof fs.renameSync;
const { settingsFor } = await import('./test-station');
settingsFor(userDataDir).open().store = { schemaVersion: 1, activeEnvironment: 'production' };
console.log('saved (the process should have died before the rename)');
