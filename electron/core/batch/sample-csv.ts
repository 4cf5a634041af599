import Papa from 'papaparse';
import { BATCH_FIELDS, batchFieldLabels, type BatchField } from '../../../shared/domain/batch';
import { t } from '../i18n';

type SampleRow = Partial<Record<BatchField, string>>;

const alice = {
  firstName: 'Alice',
  lastName: 'Smith',
  phone: '+1-212-555-0100',
  email: 'alice@example.com',
  street1: '350 Fifth Avenue',
  street2: 'Suite 4100',
  city: 'New York',
  state: 'NY',
  postalCode: '10118',
  countryCode: 'US',
};
const hanako = {
  firstName: '花子',
  lastName: '山田',
  phone: '+81-90-1234-5678',
  email: 'hanako@example.jp',
  street1: '1-1 Marunouchi, Chiyoda-ku',
  city: 'Tokyo',
  state: 'Tokyo',
  postalCode: '100-0005',
  countryCode: 'JP',
};
const oliver = {
  firstName: 'Oliver',
  lastName: 'Jones',
  phone: '+44 20 7946 0000',
  email: 'oliver@example.co.uk',
  street1: '10 Downing Street',
  city: 'London',
  postalCode: 'SW1A 2AA',
  countryCode: 'GB',
};
const service = { courier: 'yunexpress', productCode: 'YEXP01', labelFormat: 'PDF' };

/**
 * Three orders: one item; two items in one parcel; two parcels. Metric (kg, cm), matching the
 * station's default units. Postal code "08817"-style values stay text when read back.
 */
const SAMPLE_ROWS: SampleRow[] = [
  {
    orderNumber: 'SAMPLE-1001',
    platformOrderNumber: '#1001',
    referenceNumbers: 'PO-77',
    ...alice,
    parcelNumber: '1',
    weight: '0.8',
    length: '30',
    width: '20',
    height: '10',
    descriptionEn: 'Cotton T-shirt',
    quantity: '2',
    unitPrice: '15.00',
    currency: 'USD',
    unitWeight: '0.3',
    ...service,
  },
  {
    orderNumber: 'SAMPLE-1002',
    platformOrderNumber: '#1002',
    ...hanako,
    parcelNumber: '1',
    weight: '1.2',
    length: '25',
    width: '20',
    height: '15',
    descriptionEn: 'Ceramic mug',
    descriptionLocal: 'マグカップ',
    quantity: '1',
    unitPrice: '12.50',
    currency: 'USD',
    unitWeight: '0.5',
    ...service,
  },
  {
    orderNumber: 'SAMPLE-1002',
    descriptionEn: 'Green tea, 100 g',
    descriptionLocal: '緑茶',
    quantity: '3',
    unitPrice: '8.00',
    currency: 'USD',
    unitWeight: '0.12',
  },
  {
    orderNumber: 'SAMPLE-1003',
    referenceNumbers: 'PO-91;PO-92',
    ...oliver,
    parcelNumber: '1',
    weight: '2.5',
    length: '40',
    width: '30',
    height: '20',
    descriptionEn: 'Hiking boots',
    quantity: '1',
    unitPrice: '89.90',
    currency: 'GBP',
    unitWeight: '2.1',
    ...service,
  },
  {
    orderNumber: 'SAMPLE-1003',
    parcelNumber: '2',
    weight: '0.6',
    length: '20',
    width: '15',
    height: '10',
    descriptionEn: 'Wool socks, 3 pairs',
    quantity: '2',
    unitPrice: '12.00',
    currency: 'GBP',
    unitWeight: '0.2',
  },
];

/**
 * The downloadable sample: notes for the operator in their language, then every supported column
 * (headers are the English field labels: the importer matches columns on them, so they stay the
 * same in every language) and three example orders. The notes are one cell per line above the
 * header, which the importer leaves out (csv-parse.ts: a line far narrower than the header row).
 */
export function sampleCsv(translate: typeof t = t): string {
  const notes = [[translate('batch:sample.note1')], [translate('batch:sample.note2')], [translate('batch:sample.note3')]];
  const headers = BATCH_FIELDS.map((field) => batchFieldLabels[field]);
  const data = SAMPLE_ROWS.map((row) => BATCH_FIELDS.map((field) => row[field] ?? ''));
  return Papa.unparse([...notes, headers, ...data], { newline: '\r\n' }) + '\r\n';
}
