import { randomUUID } from 'node:crypto';
import { CreateLabelRequest } from '../../../shared/flexforward/schemas';
import { findCourier, productsOf } from '../catalog';
import { courierNumbers, generateCustomerOrderNumber } from '../courier-numbers';
import { documentPath } from '../documents';
import { FORBIDDEN, NOT_FOUND, decodeSegment, json, type Reply, type RouteContext } from '../http';
import type { SimulatorState } from '../state';
import type { LabelResultBody, StoredLabel } from '../store';
import { BODY_FIELD, issuesToDetails, validationFailed, type ValidationDetail } from '../validation';

/** Largest comma list GET /labels/{id} accepts (the vendor's limit is undocumented). */
export const MAX_BATCH = 50;

/**
 * Deterministic courier rejections (documented in README.md): the label is stored as `failed`
 * and answered 502 (or 201, see `rejectionStatus`); replays of the key answer 200 with it.
 */
export function courierRejection(request: CreateLabelRequest): string | undefined {
  const to = request.shipment.shipTo;
  const courier = findCourier(request.courier)?.apiName ?? request.courier;
  if (to.address.postalCode.trim() === '00000') return `${courier} API returned HTTP 400: Invalid postal code 00000`;
  if (to.contact.firstName.trim().toUpperCase() === 'REJECT') return `${courier} API returned HTTP 400: Bad request`;
  if (to.contact.firstName.trim().toUpperCase() === 'COURIER-DOWN') return courierOutage(request);
  return undefined;
}

/** What a failed label says when the courier's side is down (the `COURIER-DOWN` name, the `courierDown` fault). */
export function courierOutage(request: CreateLabelRequest): string {
  return `${findCourier(request.courier)?.apiName ?? request.courier} API returned HTTP 503: Service unavailable`;
}

/** POST /labels */
export function createLabel(ctx: RouteContext, state: SimulatorState): Reply {
  const token = ctx.token!;
  let raw: unknown;
  try {
    raw = JSON.parse(ctx.body.toString('utf8'));
  } catch {
    return json(400, validationFailed([{ field: BODY_FIELD, message: 'The request body must be valid JSON.' }]));
  }
  const parsed = CreateLabelRequest.safeParse(raw);
  if (!parsed.success) return json(400, validationFailed(issuesToDetails(parsed.error.issues)));
  const request = parsed.data;

  const semantic = catalogProblems(request);
  if (semantic.length) return json(400, validationFailed(semantic));

  state.stats.attempt(token.token, request.idempotencyKey);
  const earlier = state.store.byIdempotencyKey(token.token, request.idempotencyKey);
  // Replay: the stored original, whatever this body says (docs/api-contract.md §7), failed ones included.
  if (earlier) return json(200, earlier.result);

  const account = request.service.shipperAccountId;
  if (account !== undefined && !token.accounts.includes(account)) return FORBIDDEN();

  const now = state.now();
  const id = randomUUID();
  const customerOrderNumber = request.order?.customerOrderNumber ?? generateCustomerOrderNumber(now);
  const rejection = courierRejection(request) ?? (ctx.courierDown ? courierOutage(request) : undefined);
  const numbers = rejection ? null : courierNumbers(request.courier, now);
  const result: LabelResultBody = {
    id,
    status: rejection ? 'failed' : 'created',
    courier: request.courier,
    customerOrderNumber,
    courierOrderNumber: numbers?.courierOrderNumber ?? null,
    courierTrackingNumber: numbers?.courierTrackingNumber ?? null,
    error: rejection ? { code: 'COURIER_ERROR', message: rejection } : null,
  };
  const label: StoredLabel = {
    id,
    token: token.token,
    idempotencyKey: request.idempotencyKey,
    createdAt: now,
    format: request.label?.format === 'PNG' ? 'png' : 'pdf',
    request,
    result,
  };
  state.store.add(label);
  state.stats.labelStored(token.token, request.idempotencyKey);
  return json(rejection ? state.rejectionStatus : 201, result, { labelCreated: true });
}

/** Courier and product must exist in the catalog (GET /couriers, GET /products). */
function catalogProblems(request: CreateLabelRequest): ValidationDetail[] {
  if (!findCourier(request.courier)) {
    return [{ field: 'courier', message: `Unknown courier "${request.courier}". Use a code from GET /couriers.` }];
  }
  if (!productsOf(request.courier).some((p) => p.code === request.service.productCode)) {
    return [
      {
        field: 'service.productCode',
        message: `Product "${request.service.productCode}" is not offered by ${request.courier}. Use a code from GET /products.`,
      },
    ];
  }
  return [];
}

/** GET /labels/{id}: one id → LabelDocument; a comma list → {labels: [...]}. */
export function getLabels(ctx: RouteContext, state: SimulatorState): Reply {
  const token = ctx.token!;
  const decoded = decodeSegment(ctx.params[0] ?? '');
  if (decoded === undefined || decoded.trim() === '') return NOT_FOUND();
  const document = (label: StoredLabel) => ({
    id: label.id,
    customerOrderNumber: label.result.customerOrderNumber,
    url: `${state.origin()}${documentPath(label)}`,
    labelFormat: label.format,
  });

  if (!decoded.includes(',')) {
    const found = state.store.resolve(token.token, decoded.trim());
    if (found.kind === 'forbidden') return FORBIDDEN();
    if (found.kind === 'missing' || found.label.result.status !== 'created') return NOT_FOUND();
    return json(200, document(found.label));
  }

  const idents = decoded
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (idents.length > MAX_BATCH) {
    return json(400, validationFailed([{ field: 'id', message: `Ask for at most ${MAX_BATCH} labels at once.` }]));
  }
  const labels: ReturnType<typeof document>[] = [];
  const seen = new Set<string>();
  for (const ident of idents) {
    const found = state.store.resolve(token.token, ident);
    if (found.kind === 'forbidden') return FORBIDDEN();
    if (found.kind === 'missing' || found.label.result.status !== 'created' || seen.has(found.label.id)) continue;
    seen.add(found.label.id);
    labels.push(document(found.label));
  }
  return json(200, { labels });
}
