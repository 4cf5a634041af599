import { COURIERS, pickLocale, productsOf } from '../catalog';
import { FORBIDDEN, json, type Reply, type RouteContext } from '../http';
import { validationFailed, type ValidationDetail } from '../validation';

/** GET /couriers → `{"couriers":[{code,name}]}`; `?locale=` localises names like /products. */
export function listCouriers(ctx: RouteContext): Reply {
  const locale = pickLocale(ctx.url.searchParams.get('locale') ?? undefined);
  return json(200, { couriers: COURIERS.map((c) => ({ code: c.code, name: c.name[locale] })) });
}

/** GET /products?courier=…&shipperAccountId=…&locale=… → `{"products":[{code,name,courier}]}`. */
export function listProducts(ctx: RouteContext): Reply {
  const query = ctx.url.searchParams;
  const courier = query.get('courier');
  const account = query.get('shipperAccountId');
  const locale = query.get('locale');
  const problems: ValidationDetail[] = [];
  if (courier === null || courier.trim() === '') problems.push({ field: 'courier', message: 'Query parameter "courier" is required.' });
  if (account !== null && account === '') problems.push({ field: 'shipperAccountId', message: 'shipperAccountId must not be empty.' });
  if (locale !== null && (locale.length < 2 || locale.length > 10)) {
    problems.push({ field: 'locale', message: 'locale must be 2 to 10 characters, such as ja or zh-Hans.' });
  }
  if (problems.length) return json(400, validationFailed(problems));
  if (account !== null && !ctx.token!.accounts.includes(account)) return FORBIDDEN();
  const lang = pickLocale(locale ?? undefined);
  return json(200, {
    products: productsOf(courier!.trim()).map((p) => ({ code: p.code, name: p.name[lang], courier: p.courier })),
  });
}
