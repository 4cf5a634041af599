import { CONTENT_TYPES } from '../documents';
import { NOT_FOUND, type Reply, type RouteContext } from '../http';
import type { SimulatorState } from '../state';

/**
 * GET /documents/<id>.<pdf|png>: the label file, without auth like a courier CDN. Only the
 * label's own format is served; failed labels have no document.
 */
export async function getDocument(ctx: RouteContext, state: SimulatorState): Promise<Reply> {
  const [id, ext] = ctx.params;
  const label = id ? state.store.byDocumentId(id) : undefined;
  if (!label || label.result.status !== 'created' || label.format !== ext) return NOT_FOUND();
  const fallbackSender =
    (label.request.service.shipperAccountId && state.accountNames.get(label.request.service.shipperAccountId)) ||
    'Flex Forward Demo Shipper';
  const bytes = await state.documents.get(label, fallbackSender);
  return {
    status: 200,
    bytes,
    contentType: CONTENT_TYPES[label.format],
    headers: {
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Disposition': `inline; filename="label-${label.id}.${label.format}"`,
    },
  };
}
