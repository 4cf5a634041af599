import { useRef, useState, type FormEvent } from 'react';
import { parseDecimal } from '../../../../shared/domain/numbers';
import type { SkuCatalogueEntry, SkuCatalogueEntryInput, SkuCsvImportResult } from '../../../../shared/domain/sku-catalogue';
import { ErrorMessage, SaveCancel, SuccessMessage, TextField } from '../../components/ui';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { bytesToBase64 } from '../../lib/base64';
import { station } from '../../station';

const PAGE = 25;

interface EntryDraft {
  /** The SKU before this edit (absent: a new product). */
  previousSku?: string;
  sku: string;
  descriptionEn: string;
  descriptionLocal: string;
  hsCode: string;
  originCountry: string;
  unitWeight: string;
  declaredValue: string;
  currency: string;
}
const empty: EntryDraft = {
  sku: '',
  descriptionEn: '',
  descriptionLocal: '',
  hsCode: '',
  originCountry: '',
  unitWeight: '',
  declaredValue: '',
  currency: '',
};

const draftOf = (e: SkuCatalogueEntry): EntryDraft => ({
  previousSku: e.sku,
  sku: e.sku,
  descriptionEn: e.descriptionEn,
  descriptionLocal: e.descriptionLocal ?? '',
  hsCode: e.hsCode ?? '',
  originCountry: e.originCountry ?? '',
  unitWeight: e.unitWeight?.toString() ?? '',
  declaredValue: e.declaredValue?.toString() ?? '',
  currency: e.currency ?? '',
});

const blankToUndefined = (s: string) => (s.trim() ? s.trim() : undefined);

/** The typed draft as the entry main judges (blank fields left out; numbers read as the form reads them). */
function entryOf(d: EntryDraft): SkuCatalogueEntryInput {
  return {
    sku: d.sku,
    descriptionEn: d.descriptionEn,
    descriptionLocal: blankToUndefined(d.descriptionLocal),
    hsCode: blankToUndefined(d.hsCode),
    originCountry: blankToUndefined(d.originCountry.toUpperCase()) as SkuCatalogueEntryInput['originCountry'],
    unitWeight: parseDecimal(d.unitWeight),
    declaredValue: parseDecimal(d.declaredValue),
    currency: blankToUndefined(d.currency.toUpperCase()) as SkuCatalogueEntryInput['currency'],
  };
}

/**
 * Settings → Products by SKU: what the station knows about each product, so imported orders
 * and the New label form are filled by SKU. Search, add, edit, remove, import and export CSV.
 */
export function CatalogueSection() {
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<EntryDraft | null>(null);
  const [imported, setImported] = useState<{ fileName: string; result: SkuCsvImportResult } | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const key = `${queryKeys.skuCatalogue}/list/${offset}/${query}`;
  const list = useQuery(key, () => station().skuCatalogue.list({ query: query.trim() || undefined, offset, limit: PAGE }));
  const invalidates = [queryKeys.skuCatalogue];

  const save = useAction(
    (d: EntryDraft) =>
      station().skuCatalogue.save({ entry: entryOf(d), ...(d.previousSku !== undefined ? { previousSku: d.previousSku } : {}) }),
    { invalidates, onSuccess: () => setEditing(null) },
  );
  const remove = useAction((sku: string) => station().skuCatalogue.remove({ sku }), { invalidates });
  const importCsv = useAction(
    async (file: File) => {
      const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      return station().skuCatalogue.importCsv({ fileName: file.name, base64 });
    },
    { invalidates, onSuccess: (result, file) => setImported({ fileName: file.name, result }) },
  );
  const exportCsv = useAction(() => station().skuCatalogue.exportCsv(), {
    onSuccess: (r) => setExported(r.saved ? `Saved to ${r.path}.` : null),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (editing) void save.run(editing);
  };
  const set = (field: keyof EntryDraft) => (e: { target: { value: string } }) =>
    editing && setEditing({ ...editing, [field]: e.target.value });
  const fieldError = (field: string) => save.error?.fields?.[`entry.${field}`];
  const page = list.data;

  return (
    <div className="card stack">
      <h2>Products by SKU</h2>
      <p className="hint">
        Imported orders and the New label form fill an item&apos;s descriptions, unit weight and declared value from its SKU. Unit weights
        are in kilograms.
      </p>
      <div className="actions">
        <TextField
          label="Search SKU or description"
          type="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOffset(0);
          }}
        />
      </div>
      {list.error && <ErrorMessage>{list.error.message}</ErrorMessage>}
      {page && page.total === 0 && !query && <p className="hint">No products yet. Add them one by one or import a CSV.</p>}
      {page && page.total === 0 && query && <p className="hint">No product matches “{query}”.</p>}
      {page && page.entries.length > 0 && (
        <table className="items catalogue-table">
          <caption className="sr-only">Products by SKU</caption>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">English description</th>
              <th scope="col">Local description</th>
              <th scope="col">HS code</th>
              <th scope="col">Origin</th>
              <th scope="col">Unit weight (kg)</th>
              <th scope="col">Declared value</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((e) => (
              <tr key={e.sku}>
                <td>
                  <strong>{e.sku}</strong>
                </td>
                <td>{e.descriptionEn}</td>
                <td>{e.descriptionLocal ?? ''}</td>
                <td>{e.hsCode ?? ''}</td>
                <td>{e.originCountry ?? ''}</td>
                <td>{e.unitWeight ?? ''}</td>
                <td>{e.declaredValue !== undefined ? `${e.declaredValue} ${e.currency ?? ''}` : ''}</td>
                <td className="row-actions">
                  <button type="button" aria-label={`Edit ${e.sku}`} onClick={() => (save.clearError(), setEditing(draftOf(e)))}>
                    Edit
                  </button>
                  <button type="button" aria-label={`Remove ${e.sku}`} onClick={() => void remove.run(e.sku)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.total > PAGE && (
        <div className="actions">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(offset + PAGE, page.total)} of {page.total}
          </span>
          <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </div>
      )}
      <ErrorMessage>{remove.error?.message}</ErrorMessage>

      {editing ? (
        <form onSubmit={submit} aria-label={editing.previousSku ? `Edit ${editing.previousSku}` : 'New product'} className="stack">
          <div className="grid-4">
            <TextField label="SKU" value={editing.sku} onChange={set('sku')} error={fieldError('sku')} required autoFocus />
            <TextField
              label="English description"
              value={editing.descriptionEn}
              onChange={set('descriptionEn')}
              error={fieldError('descriptionEn')}
              required
            />
            <TextField
              label="Local description"
              value={editing.descriptionLocal}
              onChange={set('descriptionLocal')}
              error={fieldError('descriptionLocal')}
            />
            <TextField label="HS code" value={editing.hsCode} onChange={set('hsCode')} error={fieldError('hsCode')} hint="6 to 10 digits" />
          </div>
          <div className="grid-4">
            <TextField
              label="Country of origin"
              value={editing.originCountry}
              onChange={set('originCountry')}
              error={fieldError('originCountry')}
              maxLength={2}
              hint="Two letters, such as CN"
            />
            <TextField
              label="Unit weight (kg)"
              inputMode="decimal"
              value={editing.unitWeight}
              onChange={set('unitWeight')}
              error={fieldError('unitWeight')}
            />
            <TextField
              label="Declared value"
              inputMode="decimal"
              value={editing.declaredValue}
              onChange={set('declaredValue')}
              error={fieldError('declaredValue')}
            />
            <TextField label="Currency" value={editing.currency} onChange={set('currency')} error={fieldError('currency')} maxLength={3} />
          </div>
          {save.error && !save.error.fields && <ErrorMessage>{save.error.message}</ErrorMessage>}
          <SaveCancel saveLabel="Save product" onCancel={() => (setEditing(null), save.clearError())} />
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => (save.clearError(), setEditing(empty))}>
            Add product
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={importCsv.pending}>
            {importCsv.pending ? 'Importing…' : 'Import CSV…'}
          </button>
          <input
            ref={fileInput}
            type="file"
            hidden
            accept=".csv,.txt,.tsv,text/csv"
            aria-label="Import products from a CSV file"
            data-testid="sku-csv-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importCsv.run(file);
            }}
          />
          <button type="button" onClick={() => void exportCsv.run()}>
            Export CSV
          </button>
        </div>
      )}
      <ErrorMessage>{importCsv.error?.message ?? exportCsv.error?.message}</ErrorMessage>
      <SuccessMessage>{exported}</SuccessMessage>
      {imported && (
        <div className="stack" role="status" aria-label="Import result">
          <p>
            {imported.fileName}: {imported.result.added} added, {imported.result.updated} updated
            {imported.result.rejectedRows > 0 &&
              `, ${imported.result.rejectedRows} ${imported.result.rejectedRows === 1 ? 'row' : 'rows'} not imported`}
            .
          </p>
          {imported.result.issues.length > 0 && (
            <ul className="import-issues">
              {imported.result.issues.map((issue, i) => (
                <li key={i}>{issue.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
