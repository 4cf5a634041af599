import { describe, expect, it } from 'vitest';
import { Settings, type SenderAddress } from '../../shared/domain/settings';
import type { SkuCatalogueEntry } from '../../shared/domain/sku-catalogue';
import { emptyForm, emptyItem } from '../../renderer/src/features/labels/draft';
import { itemPatchFromEntry } from '../../renderer/src/features/labels/ItemSkuField';
import { itemsBySku } from '../../renderer/src/features/labels/SaveSkuOffer';

/** The New label form's side of the product catalogue by SKU (issue 14 item 4). */

const defaults = Settings.parse({}).defaults;
const sender: SenderAddress = {
  id: 'tokyo',
  name: 'Tokyo warehouse',
  defaultCurrency: 'JPY',
  party: {
    contact: { firstName: 'Aiko' },
    address: { streetLines: ['1-2-3 Marunouchi'], city: 'Chiyoda-ku', postalCode: '100-0005', countryCode: 'JP' },
  },
};
const entry: SkuCatalogueEntry = {
  sku: 'TS-01',
  descriptionEn: 'Cotton T-shirt',
  descriptionLocal: 'Tシャツ',
  unitWeight: 0.2,
  declaredValue: 12,
  currency: 'USD',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the New label form and the product catalogue', () => {
  it("starts the first item in the default sender's currency", () => {
    expect(emptyForm({ ...defaults, senderId: 'tokyo' }, [], [sender]).parcels[0]!.items[0]!.currency).toBe('JPY');
    expect(emptyForm({ ...defaults, senderId: null }, [], [sender]).parcels[0]!.items[0]!.currency).toBe('USD');
  });

  it("a known SKU fills the item's blank fields only; a blank price comes with the catalogue's currency", () => {
    expect(itemPatchFromEntry({ ...emptyItem('JPY'), sku: 'ts-01' }, entry, 'KG')).toEqual({
      descriptionEn: 'Cotton T-shirt',
      descriptionLocal: 'Tシャツ',
      unitWeight: '0.2',
      amount: '12',
      currency: 'USD',
    });
    const typed = { ...emptyItem('JPY'), sku: 'ts-01', descriptionEn: 'Tee', amount: '1500', unitWeight: '0.25' };
    expect(itemPatchFromEntry(typed, entry, 'KG')).toEqual({ descriptionLocal: 'Tシャツ' });
    expect(itemPatchFromEntry({ ...emptyItem(), sku: 'TS-01' }, entry, 'LB').unitWeight).toBe('0.441');
  });

  it('offers each SKU of the created label once, by its normalised spelling', () => {
    const form = emptyForm(defaults, []);
    form.parcels[0]!.items = [
      { ...emptyItem(), sku: ' nb-a5', descriptionEn: 'Notebook' },
      { ...emptyItem(), sku: '' },
      { ...emptyItem(), sku: 'NB-A5', descriptionEn: 'Second' },
    ];
    const bySku = itemsBySku(form);
    expect([...bySku.keys()]).toEqual(['NB-A5']);
    expect(bySku.get('NB-A5')!.descriptionEn).toBe('Notebook');
  });
});
