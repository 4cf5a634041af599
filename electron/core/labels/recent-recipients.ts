import { formatPersonName } from '../../../shared/domain/address-format';
import type { EnvironmentId } from '../../../shared/domain/environment';
import type { RecentRecipient } from '../../../shared/domain/label-draft';
import { CreateLabelRequest, type Party } from '../../../shared/flexforward/schemas';
import type { StationDatabase } from '../db/database';

/** How many recent labels a typed prefix looks through, and how many distinct recipients it offers. */
const SCAN_LIMIT = 200;
export const RECENT_RECIPIENTS_LIMIT = 8;

const key = (party: Party) =>
  JSON.stringify([
    [party.contact.firstName, party.contact.lastName ?? ''].map((s) => s.trim().toLowerCase()),
    party.address.streetLines.map((s) => s.trim().toLowerCase()),
    party.address.city.trim().toLowerCase(),
    party.address.postalCode.replace(/\s+/g, '').toLowerCase(),
    party.address.countryCode,
  ]);

/**
 * Recipients of this station's recent labels whose name starts with what was typed (ASCII
 * case-insensitive, the name column's collation), newest first, one per person and address.
 * The address comes from the stored request (the outbox keeps the exact bytes of every label
 * request, joined by its key), so choosing one fills the form as it was sent.
 */
export function createRecentRecipients(database: StationDatabase) {
  const recent = database.db.prepare(`
    SELECT l.created_at AS createdAt, o.body AS body FROM labels AS l
    JOIN outbox AS o ON o.idempotency_key = l.idempotency_key
    WHERE l.recipient_name >= ? AND l.recipient_name < ? AND +l.environment = ? AND +l.status = 'created'
    ORDER BY l.created_at DESC LIMIT ${SCAN_LIMIT}`);
  return {
    find(environment: EnvironmentId, prefix: string, limit = RECENT_RECIPIENTS_LIMIT): RecentRecipient[] {
      const text = prefix.trim().replace(/\s+/g, ' ');
      if (!text) return [];
      const rows = recent.all(text, `${text}\u{10FFFF}`, environment) as { createdAt: number; body: string }[];
      const seen = new Set<string>();
      const found: RecentRecipient[] = [];
      for (const row of rows) {
        const parsed = CreateLabelRequest.safeParse(JSON.parse(row.body));
        if (!parsed.success) continue;
        const party = parsed.data.shipment.shipTo;
        const k = key(party);
        if (seen.has(k)) continue;
        seen.add(k);
        found.push({
          name: formatPersonName(party.contact.firstName, party.contact.lastName, party.address.countryCode),
          party,
          lastUsedAt: row.createdAt,
        });
        if (found.length >= limit) break;
      }
      return found;
    },
  };
}
export type RecentRecipients = ReturnType<typeof createRecentRecipients>;
