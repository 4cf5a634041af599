import { BATCH_FIELDS, type ColumnMapping } from '../../../../shared/domain/batch';
import { fitMapping, suggestMapping } from '../mapping';
import { amazonOrders, amazonUnshipped } from './amazon';
import { base } from './base';
import { ebay } from './ebay';
import { etsyOrderItems, etsyOrders } from './etsy';
import { pirateShip } from './pirateship';
import { profileHeaders, type PlatformProfile } from './profile';
import { rakuten } from './rakuten';
import { shipstation } from './shipstation';
import { shopee } from './shopee';
import { shopify } from './shopify';
import { stores } from './stores';
import { taobao } from './taobao';
import { woocommerceAdvanced, woocommerceSimple } from './woocommerce';
import { yahooShopping } from './yahoo';

/** Every platform export the station recognises (one file each in this folder). */
export const PLATFORM_PROFILES: readonly PlatformProfile[] = [
  shopify,
  woocommerceAdvanced,
  woocommerceSimple,
  etsyOrders,
  etsyOrderItems,
  ebay,
  amazonUnshipped,
  amazonOrders,
  shipstation,
  pirateShip,
  rakuten,
  yahooShopping,
  base,
  stores,
  shopee,
  taobao,
];

export interface Recognised {
  profile: PlatformProfile;
  mapping: ColumnMapping;
}

/**
 * The platform a file was exported from, by its headers: every required header present, then
 * the most characteristic headers present (3 points per required, 1 per characteristic). Its
 * mapping, with what it leaves undefined suggested from the headers and only columns the file
 * has. Null when no profile's required headers are all there: the file keeps today's matching.
 */
export function recogniseProfile(headers: readonly string[]): Recognised | null {
  const h = profileHeaders(headers);
  let best: { profile: PlatformProfile; score: number } | null = null;
  for (const profile of PLATFORM_PROFILES) {
    if (!profile.required.every((name) => h.has(name))) continue;
    const score = profile.required.length * 3 + profile.characteristic.filter((name) => h.has(name)).length;
    if (!best || score > best.score) best = { profile, score };
  }
  if (!best) return null;
  const own = best.profile.mapping(h);
  const suggested = suggestMapping(headers);
  const merged: ColumnMapping = {};
  for (const field of BATCH_FIELDS) {
    const value = own[field];
    if (field === 'orderNumber') merged.orderNumber = value === undefined ? suggested.orderNumber : (value as string | null);
    else merged[field] = value === undefined ? (suggested[field] ?? null) : value;
  }
  // fitMapping drops a source naming a column the file lacks (a profile's optional header).
  return { profile: best.profile, mapping: fitMapping(merged, headers) };
}
