import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createImportStore } from '../../electron/core/batch/import-store';
import { openDatabase } from '../../electron/core/db/database';
import { createLabelStore } from '../../electron/core/labels/label-store';
import { importStoreContract } from './import-store.contract';

// The import store's contract against the station's own SQLite (a single station).
importStoreContract('SQLite', {
  async open() {
    const database = openDatabase(join(mkdtempSync(join(tmpdir(), 'ffs-imports-')), 'station.sqlite'));
    return {
      store: createImportStore(database),
      labels: createLabelStore(database),
      async writeRaw(id, column, text) {
        database.db.prepare(`UPDATE imports SET ${column} = ? WHERE id = ?`).run(text, id);
      },
      close: async () => database.close(),
    };
  },
});
