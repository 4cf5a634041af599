import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { openStorage } from '../../electron/core/storage';
import { storageContract } from './storage.contract';

// The storage contract against the embedded SQLite store (the default: one station).
storageContract('SQLite', {
  async open({ now }) {
    const database = openDatabase(join(mkdtempSync(join(tmpdir(), 'ffs-contract-')), 'station.sqlite'));
    const storage = await openStorage({ kind: 'sqlite', database, now });
    return {
      storage,
      async close() {
        await storage.close();
        database.close();
      },
    };
  },
});
