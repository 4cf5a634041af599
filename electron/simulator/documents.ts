import { systemClock, timeFormat, type StationClock } from '../../shared/domain/time-format';
import { findCourier } from './catalog';
import type { LabelData } from './label-layout';
import { renderPdfLabel } from './pdf-label';
import { renderPngLabel } from './png-label';
import type { StoredLabel } from './store';

/**
 * Label documents, served by the simulator at /documents/<id>.<pdf|png> without auth, like a
 * courier CDN. Rendered once per label and kept (the real URLs never change either).
 */

export const CONTENT_TYPES = { pdf: 'application/pdf', png: 'image/png' } as const;

export function documentPath(label: Pick<StoredLabel, 'id' | 'format'>): string {
  return `/documents/${label.id}.${label.format}`;
}

function party(p: {
  contact: { firstName: string; lastName?: string | undefined; phone?: string | undefined };
  address: { streetLines: string[]; city: string; state?: string | undefined; postalCode: string; countryCode: string };
}): { name: string; lines: string[] } {
  const { contact, address } = p;
  const cityLine = [address.city, address.state, address.postalCode].filter((s) => s && s.trim()).join(' ');
  return {
    name: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
    lines: [...address.streetLines, cityLine, address.countryCode, ...(contact.phone ? [`Tel ${contact.phone}`] : [])],
  };
}

export function labelData(label: StoredLabel, senderFallback: string, clock: StationClock = systemClock()): LabelData {
  const { request, result } = label;
  const from = request.shipment.shipFrom ? party(request.shipment.shipFrom) : undefined;
  const totalWeight = request.shipment.parcels.reduce((sum, p) => sum + p.weight, 0);
  return {
    labelId: label.id,
    courierName: findCourier(result.courier)?.name.en ?? result.courier,
    productCode: request.service.productCode,
    trackingNumber: result.courierTrackingNumber ?? '',
    courierOrderNumber: result.courierOrderNumber ?? '',
    customerOrderNumber: result.customerOrderNumber,
    from: from ? [from.name, ...from.lines] : [senderFallback],
    to: party(request.shipment.shipTo),
    weight: `${Math.round(totalWeight * 1000) / 1000} ${request.units?.weight ?? 'KG'}`,
    parcels: request.shipment.parcels.length,
    createdAt: new Date(label.createdAt),
    created: timeFormat(clock).dateTime(label.createdAt),
  };
}

/** Renders and caches documents; bounded so a long Demo session does not grow without end. */
export class DocumentCache {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly limit = 200,
    /** The time zone and format the label's "Created" line is printed in. */
    private readonly clock: StationClock = systemClock(),
  ) {}

  get(label: StoredLabel, senderFallback: string): Promise<Buffer> {
    const hit = this.cache.get(label.id);
    if (hit) return hit;
    const data = labelData(label, senderFallback, this.clock);
    const rendered =
      label.format === 'png'
        ? Promise.resolve().then(() => renderPngLabel(data))
        : renderPdfLabel(data).then((bytes) => Buffer.from(bytes));
    this.cache.set(label.id, rendered);
    rendered.catch(() => this.cache.delete(label.id));
    if (this.cache.size > this.limit) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return rendered;
  }
}
