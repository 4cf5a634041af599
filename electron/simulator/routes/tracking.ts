import { FORBIDDEN, NOT_FOUND, decodeSegment, json, type Reply, type RouteContext } from '../http';
import type { SimulatorState } from '../state';
import { buildTracking } from '../tracking';

/** GET /tracking/{id}: label id or customerOrderNumber; failed labels have no tracking (404). */
export function getTracking(ctx: RouteContext, state: SimulatorState): Reply {
  const ident = decodeSegment(ctx.params[0] ?? '')?.trim();
  if (!ident) return NOT_FOUND();
  const found = state.store.resolve(ctx.token!.token, ident);
  if (found.kind === 'forbidden') return FORBIDDEN();
  if (found.kind === 'missing' || found.label.result.status !== 'created') return NOT_FOUND();
  return json(200, buildTracking(found.label, state.now(), state.checkpointOrder));
}
