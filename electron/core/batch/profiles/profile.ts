import type { ColumnMapping, FieldSource, MeasureUnit } from '../../../../shared/domain/batch';

/**
 * A shop platform's order export, recognised by its headers (see registry.ts). `required` must
 * all be there; each of `characteristic` that is there adds to the score, so the closest layout
 * wins. `mapping` reads the file's own headers (as the file spells them) into the station's
 * fields; a field it leaves undefined is suggested from the headers as for any file, a field it
 * sets to null stays unmapped (a shipping-method column never becomes the product code).
 * `needs` says what the export does not carry and the operator must still give (the report and
 * the tests list it).
 */
export interface PlatformProfile {
  id: string;
  /** As the preview says it: "Recognised: Shopify orders export". */
  name: string;
  required: readonly string[];
  characteristic: readonly string[];
  mapping: (headers: ProfileHeaders) => ColumnMapping;
  needs: readonly string[];
}

/** Header lookup for a profile: names compared without case, width or extra spaces (Taobao's "收货地址 " has a trailing space). */
export interface ProfileHeaders {
  /** The first of `names` the file has, as the file spells it. */
  find(...names: string[]): string | undefined;
  has(name: string): boolean;
}

export const headerKey = (header: string) => header.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export function profileHeaders(headers: readonly string[]): ProfileHeaders {
  const byKey = new Map<string, string>();
  for (const header of headers) if (!byKey.has(headerKey(header))) byKey.set(headerKey(header), header);
  return {
    find: (...names) => names.map((name) => byKey.get(headerKey(name))).find((h) => h !== undefined),
    has: (name) => byKey.has(headerKey(name)),
  };
}

/** Several columns joined into one field (blank parts left out); undefined when the file has none of them. */
export function joined(headers: ProfileHeaders, names: readonly string[], join = ' '): FieldSource | undefined {
  const columns = names.map((name) => headers.find(name)).filter((h): h is string => h !== undefined);
  if (columns.length === 0) return undefined;
  return columns.length === 1 ? columns[0]! : { columns, join };
}

/** A column whose numbers are in `unit` (converted to the station's units). */
export function measured(header: string | undefined, unit: MeasureUnit): FieldSource | undefined {
  return header ? { columns: [header], unit } : undefined;
}

/** A price column that holds the line's total (price × quantity): divided by the quantity. */
export function lineTotal(header: string | undefined): FieldSource | undefined {
  return header ? { columns: [header], lineTotal: true } : undefined;
}

/** The fields a profile never maps: the shop's shipping method is not a Flex Forward courier or product. */
export const NO_SERVICE = { courier: null, productCode: null, labelFormat: null } as const;
