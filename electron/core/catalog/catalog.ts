import { productNamesLocale, type Language } from '../../../shared/i18n/languages';
import type { Courier, Product } from '../../../shared/flexforward/schemas';
import type { CatalogAnswer } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts';
import type { Connections } from '../connections';
import { t } from '../i18n';
import { operatorError } from '../operator-errors';
import type { SettingsService } from '../settings-store';

/**
 * Couriers (GET /couriers) and products (GET /products) for the pickers, cached per
 * environment and shipper account until the operator refreshes. Endpoints the API does not
 * offer (404/405) fall back to typed-in codes instead of failing.
 */
export function createCatalog({
  connections,
  settings,
  accounts,
  language,
  now = () => new Date(),
}: {
  connections: Connections;
  settings: SettingsService;
  accounts: Accounts;
  /** The station's language: product names are asked for in it. */
  language: () => Language;
  now?: () => Date;
}) {
  const cache = new Map<string, CatalogAnswer<unknown>>();

  async function cached<T>(key: string, refresh: boolean, load: () => Promise<CatalogAnswer<T>>): Promise<CatalogAnswer<T>> {
    if (!refresh && cache.has(key)) return cache.get(key) as CatalogAnswer<T>;
    const answer = await load();
    cache.set(key, answer);
    return answer;
  }

  return {
    couriers(refresh = false): Promise<CatalogAnswer<Courier>> {
      const environment = settings.read().activeEnvironment;
      // By language too: the answer's reason is a sentence in it.
      return cached(`${environment}|couriers|${language()}`, refresh, async () => {
        const result = await (await connections.client(environment)).listCouriers();
        if (result.ok) return { available: true, items: result.value, fetchedAt: now().toISOString() };
        if (result.error.code === 'not_found' || result.error.code === 'method_not_allowed') {
          return { available: false, reason: t('settings:catalog.noCourierList') };
        }
        throw operatorError(result.error, { environment });
      });
    },
    products(courier: string, refresh = false): Promise<CatalogAnswer<Product>> {
      const environment = settings.read().activeEnvironment;
      const account = accounts.current(environment);
      const locale = productNamesLocale(language());
      return cached(`${environment}|${account?.id ?? '-'}|${courier}|${locale}`, refresh, async () => {
        const client = await connections.client(environment);
        const result = await client.listProducts({ courier, shipperAccountId: account?.id, locale });
        if (result.ok) return { available: true, items: result.value, fetchedAt: now().toISOString() };
        if (result.error.code === 'not_found' || result.error.code === 'method_not_allowed') {
          return { available: false, reason: t('settings:catalog.noProductList') };
        }
        throw operatorError(result.error, { environment, account });
      });
    },
  };
}
export type Catalog = ReturnType<typeof createCatalog>;
