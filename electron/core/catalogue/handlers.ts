import type { Handlers } from '../ipc-dispatch';
import type { SkuCatalogue } from './sku-catalogue';

/** Settings → Products by SKU and the New label form's SKU field (not `catalog:*`, the API's courier list). */
export function skuCatalogueHandlers({ skuCatalogue }: { skuCatalogue: SkuCatalogue }) {
  return {
    'skuCatalogue:list': async (request) => skuCatalogue.page(request),
    'skuCatalogue:lookup': async ({ skus }) => skuCatalogue.lookup(skus),
    'skuCatalogue:save': async ({ entry, previousSku }) => skuCatalogue.save(entry, previousSku),
    'skuCatalogue:remove': async ({ sku }) => skuCatalogue.remove(sku),
    'skuCatalogue:importCsv': async ({ base64 }) => skuCatalogue.importCsv(Buffer.from(base64, 'base64')),
    'skuCatalogue:exportCsv': () => skuCatalogue.exportCsv(),
  } satisfies Partial<Handlers>;
}
