import {
  type BatchDefaults,
  type BatchField,
  type BatchIssue,
  type BatchOrder,
  type ColumnMapping,
  type CsvRow,
} from '../../../shared/domain/batch';
import { LabelDraft } from '../../../shared/domain/label-draft';
import { unitsFor } from '../../../shared/domain/settings';
import { parseDecimal } from '../../../shared/domain/numbers';
import { stripUndefined } from '../../../shared/domain/strip-undefined';
import { fillItemsFromCatalogue, lookupIn, normaliseSku, type FillableItem } from '../../../shared/domain/sku-catalogue';
import { StationError } from '../errors';
import { stationLanguage, t, translateStationMessage } from '../i18n';
import { toCountryCode } from './convert/country';
import { splitMoney, toCurrencyCode } from './convert/money';
import { convertMeasure } from './convert/units';
import { fieldLabel, readSource, sourceLabel } from './mapping';

/** Fields that describe the whole order: every row of an order must agree on them (blank rows inherit). */
const ORDER_FIELDS = [
  'platformOrderNumber',
  'referenceNumbers',
  'firstName',
  'lastName',
  'phone',
  'email',
  'street1',
  'street2',
  'city',
  'state',
  'postalCode',
  'countryCode',
  'courier',
  'productCode',
  'labelFormat',
] as const satisfies readonly BatchField[];

const PARCEL_FIELDS = ['weight', 'length', 'width', 'height'] as const satisfies readonly BatchField[];

/** Item fields the product catalogue can fill by SKU. */
const SKU_FILLED = new Set<BatchField>(['descriptionEn', 'unitWeight', 'unitPrice', 'currency']);

/** Values compared and sent in capitals, as the API wants them. */
const UPPER_CASE = new Set<BatchField>(['countryCode', 'currency', 'labelFormat']);

/**
 * Fields of an item: a row of a multi-row order with none of them is the order's summary row
 * (eBay's order row above its item rows, which carries the buyer, the total quantity and the
 * total price but no SKU, title or unit price), not an item. A row with any of them is an item,
 * and says what else it lacks.
 */
const ITEM_FIELDS = ['sku', 'descriptionEn', 'descriptionLocal', 'unitPrice'] as const satisfies readonly BatchField[];

/** A value and the row it was read from (null: it came from the defaults or is missing). */
interface Picked {
  value: string;
  row: number | null;
}

/**
 * CSV rows → one label draft per order. Rows are grouped by order number in the order the
 * numbers first appear; each row is one item; a parcel number column splits an order's items
 * into parcels. Each draft is validated with the same schema as the label form, and every
 * problem is reported at the row and column it came from. An order with any issue has no draft.
 */
export function buildOrders(rows: readonly CsvRow[], mapping: ColumnMapping, defaults: BatchDefaults): BatchOrder[] {
  const groups = new Map<string, CsvRow[]>();
  for (const row of rows) {
    // A row without an order number cannot be grouped: it stands alone and says why.
    const key = cell(row, mapping, 'orderNumber') || `\u0000${row.row}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()].map((group) => new OrderBuilder(group, mapping, defaults).build());
}

class OrderBuilder {
  private readonly issues: BatchIssue[] = [];
  private readonly orderNumber: string;
  private readonly firstRow: number;
  private readonly orderSources = new Map<BatchField, Picked>();
  /** Per parcel: its rows, the rows that are items, and where its weight and dimensions came from. */
  private readonly parcels: { rows: CsvRow[]; itemRows: CsvRow[]; sources: Map<BatchField, Picked> }[] = [];

  constructor(
    private readonly rows: CsvRow[],
    private readonly mapping: ColumnMapping,
    private readonly defaults: BatchDefaults,
  ) {
    this.orderNumber = cell(rows[0]!, mapping, 'orderNumber');
    this.firstRow = rows[0]!.row;
  }

  build(): BatchOrder {
    if (!this.orderNumber) this.report(this.firstRow, 'orderNumber', t('batch:issues.orderNumberRequired'));
    for (const field of ORDER_FIELDS) this.orderSources.set(field, this.pick(field, this.rows, 'order'));

    const draft = this.draftInput();
    const parsed = LabelDraft.safeParse(draft);
    if (!parsed.success) {
      // A shared schema's message may be a catalogue key: its sentence in the operator's language.
      for (const issue of parsed.error.issues) this.reportSchemaIssue(issue.path, translateStationMessage(issue.message));
    }
    const issues = this.issues.sort((a, b) => a.row - b.row);
    return {
      orderNumber: this.orderNumber,
      rows: this.rows.map((r) => r.row),
      draft: parsed.success && issues.length === 0 ? parsed.data : null,
      issues,
    };
  }

  /** The request as read from the file, before validation: missing values stay undefined so the schema names them. */
  private draftInput(): unknown {
    const o = (field: BatchField) => this.orderSources.get(field)!.value || undefined;
    const street2 = o('street2');
    const references = o('referenceNumbers')
      ?.split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const platformOrderNumber = o('platformOrderNumber');
    const orderNumbers = {
      ...(platformOrderNumber ? { platformOrderNumber } : {}),
      ...(references?.length ? { referenceNumbers: references } : {}),
    };
    const units = unitsFor[this.defaults.units];

    return {
      courier: o('courier') ?? this.defaults.courier ?? undefined,
      service: { productCode: o('productCode') ?? this.defaults.productCode ?? undefined },
      shipment: {
        ...(this.defaults.sender ? { shipFrom: this.defaults.sender.party } : {}),
        shipTo: {
          contact: stripUndefined({ firstName: o('firstName'), lastName: o('lastName'), phone: o('phone'), email: o('email') }),
          address: stripUndefined({
            streetLines: street2 ? [o('street1'), street2] : [o('street1')],
            city: o('city'),
            state: o('state'),
            postalCode: o('postalCode'),
            countryCode: o('countryCode'),
          }),
        },
        parcels: this.parcelInputs(),
      },
      label: { format: o('labelFormat') ?? this.defaults.labelFormat },
      units: { weight: units.weight, dimension: units.dimension },
      order: stripUndefined({
        customerOrderNumber: this.orderNumber || undefined,
        orderNumbers: Object.keys(orderNumbers).length ? orderNumbers : undefined,
      }),
    };
  }

  private parcelInputs(): unknown[] {
    const byNumber = new Map<string, CsvRow[]>();
    let current = '';
    for (const row of this.rows) {
      // A blank parcel number continues the parcel above it (spreadsheets leave repeats blank).
      current = cell(row, this.mapping, 'parcelNumber') || current;
      const rows = byNumber.get(current);
      if (rows) rows.push(row);
      else byNumber.set(current, [row]);
    }

    const preset = this.defaults.preset;
    // Shopify leaves the currency blank on an order's later rows: those items take the order's.
    const orderCurrency = this.rows.map((row) => this.itemCurrency(row)).find(Boolean);
    return [...byNumber.values()].map((rows) => {
      const sources = new Map<BatchField, Picked>();
      for (const field of PARCEL_FIELDS) sources.set(field, this.pick(field, rows, 'parcel'));
      // A row without any item value (eBay's order row above its item rows) is folded into the order.
      const withItem = rows.filter((row) => ITEM_FIELDS.some((field) => this.read(row, field) !== ''));
      const itemRows = this.rows.length > 1 && withItem.length > 0 ? withItem : rows;
      this.parcels.push({ rows, itemRows, sources });
      const p = (field: (typeof PARCEL_FIELDS)[number]) => toNumber(sources.get(field)!.value);

      const weight = p('weight') ?? preset?.weight;
      const given = { length: p('length'), width: p('width'), height: p('height') };
      const anyGiven = Object.values(given).some((v) => v !== undefined);
      // The preset fills what the file leaves out; a file with no dimensions sends the preset's, or none.
      const dimension = anyGiven
        ? {
            length: given.length ?? preset?.dimension?.length,
            width: given.width ?? preset?.dimension?.width,
            height: given.height ?? preset?.dimension?.height,
          }
        : preset?.dimension;

      return stripUndefined({
        weight,
        dimension: dimension ? { ...dimension } : undefined,
        items: this.itemInputs(itemRows, orderCurrency),
      });
    });
  }

  /**
   * The items of one parcel, one per row, read through their sources and converted, with what the
   * file leaves blank filled by SKU from the product catalogue and a blank currency from the
   * order's other rows, else the sender's default (fillItemsFromCatalogue). The SKU, HS code and
   * origin stay in the station: the API's item has no field for them.
   */
  private itemInputs(rows: readonly CsvRow[], orderCurrency: string | undefined): unknown[] {
    const read = rows.map((row): FillableItem & { quantity: unknown } => {
      const c = (field: BatchField) => this.read(row, field);
      const quantity = toNumber(c('quantity'));
      let amount = toNumber(c('unitPrice'));
      const source = this.mapping.unitPrice;
      // Amazon's item-price is the price of the whole line: the declared value is per unit.
      if (
        typeof source === 'object' &&
        source &&
        'lineTotal' in source &&
        typeof amount === 'number' &&
        typeof quantity === 'number' &&
        quantity > 0
      )
        amount = Math.round((amount / quantity) * 100) / 100;
      return {
        sku: c('sku') || undefined,
        descriptionEn: c('descriptionEn') || undefined,
        descriptionLocal: c('descriptionLocal') || undefined,
        quantity,
        unitPrice: { amount, currency: this.itemCurrency(row) || orderCurrency || undefined },
        unitWeight: toNumber(c('unitWeight')),
      };
    });
    const filled = fillItemsFromCatalogue(read, lookupIn(this.defaults.skuCatalogue), {
      weightUnit: unitsFor[this.defaults.units].weight,
      defaultCurrency: this.defaults.sender?.defaultCurrency,
    });
    return filled.map(({ sku: _sku, hsCode: _hs, originCountry: _origin, ...item }) => stripUndefined(item));
  }

  /** An item's currency: its currency cell, else the sign or code in its price ("$12", "1200円"). */
  private itemCurrency(row: CsvRow): string {
    return this.read(row, 'currency') || (splitMoney(readSource(row, this.mapping.unitPrice)).currency ?? '');
  }

  /** A field's value in a row, read from its source and converted: country names → codes, ounces → kilograms, "$12.00" → 12.00. */
  private read(row: CsvRow, field: BatchField): string {
    const source = this.mapping[field];
    const raw = readSource(row, source);
    if (raw === '') return '';
    const units = unitsFor[this.defaults.units];
    const unit = typeof source === 'object' && source && 'unit' in source ? source.unit : undefined;
    switch (field) {
      case 'countryCode':
        return toCountryCode(raw);
      case 'currency':
        return toCurrencyCode(raw);
      case 'unitPrice':
        return splitMoney(raw).amount;
      case 'weight':
      case 'unitWeight':
        return convertMeasure(raw, units.weight === 'KG' ? 'kg' : 'lb', unit);
      case 'length':
      case 'width':
      case 'height':
        return convertMeasure(raw, units.dimension === 'CM' ? 'cm' : 'in', unit);
      default:
        return raw;
    }
  }

  /** The first non-blank value of `field` among `rows`; a different value on a later row is an issue. */
  private pick(field: BatchField, rows: readonly CsvRow[], scope: 'order' | 'parcel'): Picked {
    let picked: Picked = { value: '', row: null };
    for (const row of rows) {
      const value = this.read(row, field);
      if (!value) continue;
      if (picked.row === null) {
        picked = { value: UPPER_CASE.has(field) ? value.toUpperCase() : value, row: row.row };
      } else if (comparable(value) !== comparable(picked.value)) {
        // English writes the field in lower case mid-sentence; Japanese and Chinese have no case.
        const label = stationLanguage() === 'en' ? fieldLabel(field).toLowerCase() : fieldLabel(field);
        const values = { value, picked: picked.value, row: picked.row, order: this.orderNumber, field: label };
        this.report(row.row, field, scope === 'order' ? t('batch:issues.differs', values) : t('batch:issues.differsInParcel', values));
      }
    }
    return picked;
  }

  /** Maps a schema path (`shipment.parcels[0].items[1].unitPrice.currency`) back to the row and column it came from. */
  private reportSchemaIssue(path: readonly PropertyKey[], message: string) {
    const [top, section, index, part, itemIndex, itemPart, moneyPart] = path;
    const fromOrder = (field: BatchField) => this.report(this.orderSources.get(field)?.row ?? this.firstRow, field, message);

    if (top === 'courier') return fromOrder('courier');
    if (top === 'service') return fromOrder('productCode');
    if (top === 'label') return fromOrder('labelFormat');
    if (top === 'order') {
      if (path.includes('platformOrderNumber')) return fromOrder('platformOrderNumber');
      if (path.includes('referenceNumbers')) return fromOrder('referenceNumbers');
      return this.report(this.firstRow, 'orderNumber', message);
    }
    if (top === 'shipment' && section === 'shipFrom') {
      return this.report(this.firstRow, null, t('batch:issues.senderIncomplete', { message }), t('batch:issues.senderColumn'));
    }
    if (top === 'shipment' && section === 'shipTo') {
      const key = path.at(-1);
      if (path.includes('streetLines')) return fromOrder(key === 1 ? 'street2' : 'street1');
      const field = (['firstName', 'lastName', 'phone', 'email', 'city', 'state', 'postalCode', 'countryCode'] as const).find(
        (f) => f === key,
      );
      return fromOrder(field ?? (path.includes('contact') ? 'firstName' : 'street1'));
    }
    if (top === 'shipment' && section === 'parcels' && typeof index === 'number') {
      const parcel = this.parcels[index];
      if (parcel && part === 'items' && typeof itemIndex === 'number') {
        const row = parcel.itemRows[itemIndex]?.row ?? parcel.rows[0]!.row;
        const field: BatchField =
          itemPart === 'unitPrice'
            ? moneyPart === 'currency'
              ? 'currency'
              : 'unitPrice'
            : itemPart === 'descriptionLocal' || itemPart === 'quantity' || itemPart === 'unitWeight'
              ? itemPart
              : 'descriptionEn';
        const hint = this.skuHint(parcel.rows[itemIndex], field);
        return this.report(row, field, hint ? t('batch:issues.withHint', { message, hint }) : message, undefined, hint !== '');
      }
      if (parcel) {
        const field: BatchField =
          part === 'dimension' ? (itemIndex === 'width' || itemIndex === 'height' ? itemIndex : 'length') : 'weight';
        return this.report(parcel.sources.get(field)?.row ?? parcel.rows[0]!.row, field, message);
      }
    }
    this.report(this.firstRow, null, message, t('batch:issues.orderColumn'));
  }

  /** For an item value that is missing although the row names an SKU: where to add it so the file needs no change. */
  private skuHint(row: CsvRow | undefined, field: BatchField): string {
    const sku = row ? this.read(row, 'sku') : '';
    // Only for a value that is missing (the row's cell is blank), not one that is wrong.
    if (!sku || !row || this.read(row, field) !== '' || !SKU_FILLED.has(field)) return '';
    return lookupIn(this.defaults.skuCatalogue)(sku)
      ? t('batch:issues.skuHasNone', { sku: normaliseSku(sku) })
      : t('batch:issues.skuAdd', { sku: normaliseSku(sku) });
  }

  private report(row: number, field: BatchField | null, message: string, columnOverride?: string, skuHinted = false) {
    const source = field ? this.mapping[field] : null;
    const label = field ? sourceLabel(source, field) : null;
    const column = columnOverride ?? label ?? (field ? fieldLabel(field) : t('batch:issues.orderColumn'));
    // Show what the cell holds when the value is wrong (not missing): "Japan" next to the country code rule.
    const target = this.rows.find((r) => r.row === row);
    const value = source && target ? readSource(target, source) : '';
    const quoted =
      value && !message.includes(`“${value}”`) && !message.includes(`「${value}」`) ? t('batch:issues.cellSays', { value }) : '';
    // A field the file has no column for: say how to give it (the message alone would ask for a cell that is not there).
    // (With no source the value can only be missing, whatever the schema's words; courier and product come from the defaults.)
    const fix =
      field && !source && field !== 'courier' && field !== 'productCode' && field !== 'labelFormat'
        ? (field === 'unitWeight' || field === 'descriptionEn') && !skuHinted
          ? t('batch:issues.noColumnOrSku')
          : t('batch:issues.noColumn')
        : '';
    this.issues.push({ row, column, field, message: t('batch:issues.line', { row, column, message, quoted, fix }) });
  }
}

/** The order number exactly as the cell says (trimmed), the way batch-service groups and Station mode looks orders up; the parcel number as read. */
function cell(row: CsvRow, mapping: ColumnMapping, field: 'orderNumber' | 'parcelNumber'): string {
  if (field === 'orderNumber') return mapping.orderNumber ? (row.values[mapping.orderNumber] ?? '').trim() : '';
  return readSource(row, mapping[field]);
}

/** Same value for the purpose of "do these rows agree": case, width and spacing do not count. */
function comparable(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A cell as a number by the one rule the form uses too (parseDecimal, shared/domain/numbers.ts).
 * Blank → undefined (the schema says it is required); a cell it cannot read is returned as
 * text so the schema says it "must be a number".
 */
export function toNumber(raw: string): number | string | undefined {
  const value = parseDecimal(raw);
  return value === undefined || !Number.isNaN(value) ? value : raw.trim();
}

/** The rows with one cell changed: the preview table's "fix this cell". Rebuild the orders from the result. */
export function applyCellFix(rows: readonly CsvRow[], row: number, header: string, value: string): CsvRow[] {
  const target = rows.find((r) => r.row === row);
  if (!target) throw new StationError('batch_row_missing', t('batch:errors.rowMissing', { row }));
  if (!(header in target.values)) throw new StationError('batch_column_missing', t('batch:errors.columnMissing', { column: header }));
  return rows.map((r) => (r === target ? { row: r.row, values: { ...r.values, [header]: value } } : r));
}

/** The rows without the ones the operator excluded in the preview. */
export function excludeRows(rows: readonly CsvRow[], rowNumbers: Iterable<number>): CsvRow[] {
  const excluded = new Set(rowNumbers);
  return rows.filter((r) => !excluded.has(r.row));
}

/** The orders without the ones the operator excluded in the preview (by order number). */
export function excludeOrders(orders: readonly BatchOrder[], orderNumbers: Iterable<string>): BatchOrder[] {
  const excluded = new Set(orderNumbers);
  return orders.filter((o) => !excluded.has(o.orderNumber));
}
