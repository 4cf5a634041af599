import { findCourier } from './catalog';
import type { StoredLabel } from './store';
import type { CheckpointOrder } from './types';

/**
 * Simulated tracking: a timeline of courier scans that unfolds on the simulator clock from the
 * moment the label was created. The ship-to postal code picks the scenario, as in the vendor's
 * sandbox (docs/api-contract.md §2): 90001 Delivered, 90002 Exception, 90003 stays InTransit, 90004 Cancelled.
 */

export type Scenario = 'delivered' | 'exception' | 'stuck' | 'cancelled';

export const MINUTE = 60_000;

type Place = 'origin' | 'originHub' | 'destination';

interface Step {
  /** Minutes after label creation. */
  at: number;
  tag: string;
  subtag: string;
  subtagMessage: string;
  message: string;
  place: Place;
}

const INFO_RECEIVED: Step = {
  at: 1,
  tag: 'InfoReceived',
  subtag: 'InfoReceived_001',
  subtagMessage: 'Shipment information received',
  message: 'Electronic shipping information received',
  place: 'origin',
};
const PICKED_UP: Step = {
  at: 5,
  tag: 'InTransit',
  subtag: 'InTransit_002',
  subtagMessage: 'Shipment accepted by the courier',
  message: 'Parcel picked up by the courier',
  place: 'origin',
};
const DEPARTED: Step = {
  at: 10,
  tag: 'InTransit',
  subtag: 'InTransit_001',
  subtagMessage: 'In transit',
  message: 'Departed from the origin sorting facility',
  place: 'originHub',
};
const ARRIVED: Step = {
  at: 20,
  tag: 'InTransit',
  subtag: 'InTransit_001',
  subtagMessage: 'In transit',
  message: 'Arrived in the destination country, customs cleared',
  place: 'destination',
};
const OUT_FOR_DELIVERY: Step = {
  at: 25,
  tag: 'InTransit',
  subtag: 'InTransit_003',
  subtagMessage: 'Out for delivery',
  message: 'Out for delivery',
  place: 'destination',
};

/** Timelines in minutes after creation. Exported so tests and docs can name the moments. */
export const TIMELINES: Record<Scenario, readonly Step[]> = {
  delivered: [
    INFO_RECEIVED,
    PICKED_UP,
    DEPARTED,
    ARRIVED,
    OUT_FOR_DELIVERY,
    {
      at: 30,
      tag: 'Delivered',
      subtag: 'Delivered_001',
      subtagMessage: 'Delivered',
      message: 'Delivered to the recipient',
      place: 'destination',
    },
  ],
  exception: [
    INFO_RECEIVED,
    PICKED_UP,
    DEPARTED,
    ARRIVED,
    OUT_FOR_DELIVERY,
    {
      at: 30,
      tag: 'Exception',
      subtag: 'Exception_001',
      subtagMessage: 'Delivery exception',
      message: 'Delivery failed: recipient not available, parcel held at the depot',
      place: 'destination',
    },
  ],
  stuck: [INFO_RECEIVED, PICKED_UP, DEPARTED, ARRIVED],
  cancelled: [
    INFO_RECEIVED,
    {
      at: 5,
      tag: 'Cancelled',
      subtag: 'Cancelled_001',
      subtagMessage: 'Shipment cancelled',
      message: 'Shipment cancelled by the shipper',
      place: 'origin',
    },
  ],
};

/** Time (minutes after creation) by which every scenario has reached its final state. */
export const TRACKING_SETTLED_AFTER_MS = 30 * MINUTE;

export function scenarioFor(postalCode: string): Scenario {
  switch (postalCode.trim()) {
    case '90002':
      return 'exception';
    case '90003':
      return 'stuck';
    case '90004':
      return 'cancelled';
    default:
      // 90001 and every other postal code: the happy path ending in Delivered.
      return 'delivered';
  }
}

export interface CheckpointBody {
  checkpointTime: string;
  city: string | null;
  state: string | null;
  countryRegion: string | null;
  location: string | null;
  message: string;
  tag: string;
  subtag: string;
  subtagMessage: string;
  slug: string;
}

export interface TrackingBody {
  id: string;
  trackingNumber: string | null;
  tag: string;
  subtag: string;
  subtagMessage: string;
  slug: string;
  checkpoints: CheckpointBody[];
}

export function buildTracking(label: StoredLabel, now: number, order: CheckpointOrder): TrackingBody {
  const { request, result } = label;
  const slug = result.courier;
  const hub = findCourier(slug)?.hub ?? { city: 'Hong Kong', state: 'Hong Kong', countryRegion: 'HK', facility: 'Flex Forward Hub' };
  const from = request.shipment.shipFrom?.address;
  const to = request.shipment.shipTo.address;
  const places: Record<Place, { city: string; state: string | null; countryRegion: string; location: string | null }> = {
    origin: from
      ? { city: from.city, state: from.state ?? null, countryRegion: from.countryCode, location: null }
      : { city: hub.city, state: hub.state, countryRegion: hub.countryRegion, location: null },
    originHub: { city: hub.city, state: hub.state, countryRegion: hub.countryRegion, location: hub.facility },
    destination: { city: to.city, state: to.state ?? null, countryRegion: to.countryCode, location: null },
  };

  const elapsed = now - label.createdAt;
  const steps = TIMELINES[scenarioFor(to.postalCode)].filter((s) => s.at * MINUTE <= elapsed);
  const checkpoints: CheckpointBody[] = steps.map((s) => ({
    checkpointTime: new Date(label.createdAt + s.at * MINUTE).toISOString(),
    ...places[s.place],
    message: s.message,
    tag: s.tag,
    subtag: s.subtag,
    subtagMessage: s.subtagMessage,
    slug,
  }));
  const latest = steps.at(-1);
  if (order === 'newest-first') checkpoints.reverse();
  return {
    id: label.id,
    trackingNumber: result.courierTrackingNumber,
    tag: latest?.tag ?? 'Pending',
    subtag: latest?.subtag ?? 'Pending_001',
    subtagMessage: latest?.subtagMessage ?? 'No information yet',
    slug,
    checkpoints,
  };
}
