// Part of `npm run build`: the fonts main embeds in the PDFs it draws (assets/fonts/) go next to
// the built main process, into dist/fonts, which packaging takes along (electron-builder.yml `files`).
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
mkdirSync(join(root, 'dist', 'fonts'), { recursive: true });
cpSync(join(root, 'assets', 'fonts'), join(root, 'dist', 'fonts'), { recursive: true });
