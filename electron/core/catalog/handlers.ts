import type { Handlers } from '../ipc-dispatch';
import type { Catalog } from './catalog';

/** The courier and product pickers (New label, Settings → Defaults). */
export function catalogHandlers({ catalog }: { catalog: Catalog }) {
  return {
    'catalog:couriers': ({ refresh }) => catalog.couriers(refresh),
    'catalog:products': ({ courier, refresh }) => catalog.products(courier, refresh),
  } satisfies Partial<Handlers>;
}
