import type { EnvironmentId } from '../../../shared/domain/environment';
import type { HandoverCourier } from '../../../shared/domain/handover';
import type pg from 'pg';
import type { StationDatabase } from '../db/database';

/** One parcel on the hand-over sheet. */
export interface HandoverParcel {
  labelId: string;
  courier: string;
  orderNumber: string | null;
  recipientName: string;
  trackingNumber: string | null;
  /** The weight the label was bought with (all parcels of the request), in its unit; null when the request is not kept. */
  weight: number | null;
  unit: 'KG' | 'LB';
  createdAt: number;
}

const KG_PER_LB = 0.45359237;

export const weightInKg = (parcel: Pick<HandoverParcel, 'weight' | 'unit'>): number =>
  parcel.weight === null ? 0 : parcel.unit === 'LB' ? parcel.weight * KG_PER_LB : parcel.weight;

/**
 * The weight a label was bought with, from the request the outbox kept (the labels table does
 * not carry it): the sum of `shipment.parcels[].weight`, in `units.weight` (KG when absent, as
 * the form sends it). Read leniently: a body that is not the expected shape gives no weight.
 */
export function requestWeight(body: string | null): { weight: number | null; unit: 'KG' | 'LB' } {
  if (!body) return { weight: null, unit: 'KG' };
  try {
    const request = JSON.parse(body) as { shipment?: { parcels?: { weight?: unknown }[] }; units?: { weight?: unknown } };
    const unit = request.units?.weight === 'LB' ? 'LB' : 'KG';
    const weights = (request.shipment?.parcels ?? []).map((p) => p.weight);
    if (weights.length === 0 || !weights.every((w): w is number => typeof w === 'number' && Number.isFinite(w)))
      return { weight: null, unit };
    return { weight: weights.reduce((a, b) => a + b, 0), unit };
  } catch {
    return { weight: null, unit: 'KG' };
  }
}

/** A day's label with the request it was bought with, as both backends read it. */
interface ParcelRow {
  id: string;
  courier: string;
  order_number: string | null;
  recipient_name: string;
  tracking_number: string | null;
  created_at: number;
  body: string | null;
}

/**
 * The day's parcels and couriers (docs/architecture.md, "Storage backends"): the station's
 * SQLite on its own (createHandoverParcels), the workgroup's shared history in PostgreSQL
 * (createPgHandoverParcels), the same answers for the same labels.
 */
export interface HandoverParcels {
  /** The created labels of one day (a time range), per courier, in the order they were made. */
  parcels(environment: EnvironmentId, range: { start: number; end: number }, courier?: string): Promise<HandoverParcel[]>;
  /** The couriers with parcels that day, with their count and total weight. */
  couriers(environment: EnvironmentId, range: { start: number; end: number }): Promise<HandoverCourier[]>;
}

/** The parcels and couriers of the rows one query read (ordered by courier, time, seq). */
function parcelsFrom(read: (environment: EnvironmentId, start: number, end: number) => Promise<ParcelRow[]>): HandoverParcels {
  const parcels = async (environment: EnvironmentId, range: { start: number; end: number }, courier?: string) =>
    (await read(environment, range.start, range.end))
      .filter((r) => courier === undefined || r.courier === courier)
      .map((r): HandoverParcel => ({
        labelId: r.id,
        courier: r.courier,
        orderNumber: r.order_number,
        recipientName: r.recipient_name,
        trackingNumber: r.tracking_number,
        createdAt: r.created_at,
        ...requestWeight(r.body),
      }));

  return {
    parcels,
    async couriers(environment, range) {
      const byCourier = new Map<string, HandoverCourier>();
      for (const parcel of await parcels(environment, range)) {
        const entry = byCourier.get(parcel.courier) ?? { courier: parcel.courier, parcels: 0, totalKg: 0 };
        entry.parcels += 1;
        entry.totalKg += weightInKg(parcel);
        byCourier.set(parcel.courier, entry);
      }
      // Sums of decimals drift (0.8 × 25 = 20.000000000000007): grams are enough.
      return [...byCourier.values()].map((c) => ({ ...c, totalKg: Math.round(c.totalKg * 1000) / 1000 }));
    },
  };
}

/** The day's parcels in the station's own SQLite. */
export function createHandoverParcels(database: StationDatabase): HandoverParcels {
  const { db } = database;
  // labels_today (environment, created_at, …) serves the day's range; the outbox is read by its unique key.
  const ofDay = db.prepare(`
    SELECT l.id, l.courier, coalesce(l.customer_order_number, l.platform_order_number) AS order_number, l.recipient_name,
      l.tracking_number, l.created_at, o.body
    FROM labels AS l LEFT JOIN outbox AS o ON o.idempotency_key = l.idempotency_key
    WHERE l.environment = ? AND l.status = 'created' AND l.created_at BETWEEN ? AND ?
    ORDER BY l.courier, l.created_at, l.seq`);
  return parcelsFrom(async (environment, start, end) => ofDay.all(environment, start, end) as unknown as ParcelRow[]);
}

/**
 * The day's parcels in a workgroup's shared history: the SQLite query's twin (courier is
 * `COLLATE "C"`, so the couriers come in the same order; labels_environment_created serves the range).
 */
export function createPgHandoverParcels(pool: Pick<pg.Pool, 'query'>): HandoverParcels {
  return parcelsFrom(
    async (environment, start, end) =>
      (
        await pool.query<ParcelRow>(
          `SELECT l.id, l.courier, coalesce(l.customer_order_number, l.platform_order_number) AS order_number, l.recipient_name,
            l.tracking_number, l.created_at, o.body
          FROM labels AS l LEFT JOIN outbox AS o ON o.idempotency_key = l.idempotency_key
          WHERE l.environment = $1 AND l.status = 'created' AND l.created_at BETWEEN $2 AND $3
          ORDER BY l.courier, l.created_at, l.seq`,
          [environment, start, end],
        )
      ).rows,
  );
}
