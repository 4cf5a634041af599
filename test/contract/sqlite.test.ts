import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { createPrintLog } from '../../electron/core/printing/print-log';
import { openStorage } from '../../electron/core/storage';
import { storageContract } from './storage.contract';

// The storage contract against the embedded SQLite store (the default: one station).
storageContract('SQLite', {
  async open({ now }) {
    const database = openDatabase(join(mkdtempSync(join(tmpdir(), 'ffs-contract-')), 'station.sqlite'));
    const storage = await openStorage({ kind: 'sqlite', database, now });
    const log = createPrintLog(database);
    return {
      storage,
      async printed(labelIds, state, at) {
        const id = randomUUID();
        const failed = state === 'failed';
        log.record({
          id,
          labelIds,
          profileId: null,
          printer: 'desk',
          copies: 1,
          osJobId: failed ? null : 'desk-1',
          state: failed ? 'failed' : 'sent',
          errorCode: null,
          message: null,
          createdAt: at,
        });
        if (state === 'printed' || state === 'waiting') log.settle(id, { state, errorCode: null, message: null, at });
      },
      async close() {
        await storage.close();
        database.close();
      },
    };
  },
});
