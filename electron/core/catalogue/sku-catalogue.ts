import { writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import {
  normaliseSku,
  type SkuCatalogueEntry,
  type SkuCatalogueEntryInput,
  type SkuCsvImportResult,
} from '../../../shared/domain/sku-catalogue';
import { StationError } from '../errors';
import { t } from '../i18n';
import { saveWhereChosen, type ChooseSavePath } from '../save-file';
import { catalogueToCsv, parseCatalogueCsv } from './sku-catalogue-csv';
import type { SkuCatalogueStore } from './sku-catalogue-store';

/** A validated entry (the contract parsed it with SkuCatalogueEntryInput). */
type ParsedEntry = z.output<typeof SkuCatalogueEntryInput>;

export interface SkuCatalogueDeps {
  store: SkuCatalogueStore;
  chooseSavePath: ChooseSavePath;
  now?: () => number;
}

/**
 * The product catalogue by SKU (Settings → Products by SKU, the New label form, imports): list
 * and search, save one, remove one, import and export as CSV. Every change bumps the store's
 * version, so imports built before it are built again the next time they are shown.
 */
export function createSkuCatalogue({ store, chooseSavePath, now = Date.now }: SkuCatalogueDeps) {
  return {
    page: (request?: Parameters<SkuCatalogueStore['page']>[0]) => store.page(request),
    lookup: (skus: readonly string[]) => store.many(skus),

    /** Saves an entry; `previousSku`: the SKU it had before an edit that renamed it (that one goes). */
    async save(entry: ParsedEntry, previousSku?: string): Promise<SkuCatalogueEntry> {
      await store.upsert([entry], now());
      if (previousSku !== undefined && normaliseSku(previousSku) !== entry.sku) await store.remove(previousSku);
      const saved = await store.get(entry.sku);
      if (!saved) throw new StationError('database_write_failed', t('settings:catalogue.saveFailed'));
      return saved;
    },

    remove: async (sku: string) => ({ removed: await store.remove(sku) }),

    /** A CSV's good rows are saved (added or replacing the same SKU); the others are named with row, column and fix. */
    async importCsv(bytes: Uint8Array): Promise<SkuCsvImportResult> {
      const { entries, issues, rejectedRows } = parseCatalogueCsv(bytes);
      const { added, updated } = await store.upsert(entries, now());
      return { added, updated, issues, rejectedRows };
    },

    exportCsv: () =>
      saveWhereChosen(chooseSavePath, 'products-by-sku.csv', async (path) => writeFile(path, catalogueToCsv(await store.all()))),
  };
}
export type SkuCatalogue = ReturnType<typeof createSkuCatalogue>;
