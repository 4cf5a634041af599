import { systemClock, timeFormat, type StationClock } from '../../shared/domain/time-format';
import type { Language } from '../../shared/i18n/languages';
import { tIn } from '../core/i18n';
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

/** Countries that write a name family name first and an address from the largest place down (postal code first), in their own script. */
const LARGEST_FIRST = new Set(['JP', 'CN', 'TW', 'HK', 'MO', 'KR']);
/** Han, kana and hangul: text in these scripts runs on without spaces. */
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
const joined = (parts: (string | undefined)[]) => {
  const kept = parts.map((part) => part?.trim()).filter((part): part is string => !!part);
  return kept.reduce((line, part) => (line && !(CJK.test(line.at(-1)!) && CJK.test(part[0]!)) ? `${line} ${part}` : line + part), '');
};

function party(p: {
  contact: { firstName: string; lastName?: string | undefined; phone?: string | undefined };
  address: { streetLines: string[]; city: string; state?: string | undefined; postalCode: string; countryCode: string };
}): { name: string; lines: string[] } {
  const { contact, address } = p;
  const phone = contact.phone ? [`Tel ${contact.phone}`] : [];
  const written = [contact.firstName, contact.lastName, address.city, address.state, ...address.streetLines].join(' ');
  // Written in its own script, 〒150-0001 / 東京都渋谷区 / 神宮前1-2-3 and 山田 太郎, as a Japanese
  // (or Chinese) label reads; the same address in Latin letters keeps the Western order.
  if (LARGEST_FIRST.has(address.countryCode.toUpperCase()) && CJK.test(written)) {
    const postal = address.postalCode.trim();
    return {
      name: [contact.lastName, contact.firstName].filter(Boolean).join(' '),
      lines: [
        ...(postal ? [address.countryCode.toUpperCase() === 'JP' ? `〒${postal}` : postal] : []),
        joined([address.state, address.city]),
        ...address.streetLines,
        address.countryCode,
        ...phone,
      ].filter((line) => line.trim()),
    };
  }
  const cityLine = [address.city, address.state, address.postalCode].filter((s) => s && s.trim()).join(' ');
  return {
    name: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
    lines: [...address.streetLines, cityLine, address.countryCode, ...phone],
  };
}

/** The label's data; its words in `language` (the station's, in Demo mode), its time on the station's clock. */
export function labelData(
  label: StoredLabel,
  senderFallback: string,
  clock: StationClock = systemClock(),
  language: Language = 'en',
): LabelData {
  const { request, result } = label;
  const t = tIn(language);
  const from = request.shipment.shipFrom ? party(request.shipment.shipFrom) : undefined;
  const totalWeight = request.shipment.parcels.reduce((sum, p) => sum + p.weight, 0);
  const trackingNumber = result.courierTrackingNumber ?? '';
  const courierOrderNumber = result.courierOrderNumber ?? '';
  const weight = `${Math.round(totalWeight * 1000) / 1000} ${request.units?.weight ?? 'KG'}`;
  const parcels = request.shipment.parcels.length;
  const created = timeFormat(clock).dateTime(label.createdAt);
  return {
    labelId: label.id,
    courierName: findCourier(result.courier)?.name.en ?? result.courier,
    productCode: request.service.productCode,
    trackingNumber,
    courierOrderNumber,
    customerOrderNumber: result.customerOrderNumber,
    from: from ? [from.name, ...from.lines] : [senderFallback],
    to: party(request.shipment.shipTo),
    weight,
    parcels,
    createdAt: new Date(label.createdAt),
    created,
    title: t('documents:demoLabel.title', { trackingNumber }),
    words: {
      from: t('documents:demoLabel.from'),
      shipTo: t('documents:demoLabel.shipTo'),
      trackingNumber: t('documents:demoLabel.trackingNumber'),
      order: t('documents:demoLabel.order', { order: result.customerOrderNumber }),
      courierOrder: t('documents:demoLabel.courierOrder', { number: courierOrderNumber }),
      weightAndParcels: t('documents:demoLabel.weightAndParcels', { weight, parcels }),
      created: t('documents:demoLabel.created', { time: created }),
      label: t('documents:demoLabel.label', { id: label.id }),
      footer: t('documents:demoLabel.footer'),
    },
  };
}

/** Renders and caches documents; bounded so a long Demo session does not grow without end. */
export class DocumentCache {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly limit = 200,
    /** The time zone and format the label's "Created" line is printed in. */
    private readonly clock: StationClock = systemClock(),
    /** The language of the label's words, read when a label is first drawn. */
    private readonly language: () => Language = () => 'en',
  ) {}

  get(label: StoredLabel, senderFallback: string): Promise<Buffer> {
    const hit = this.cache.get(label.id);
    if (hit) return hit;
    const data = labelData(label, senderFallback, this.clock, this.language());
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
