import { useRef, useState, type FormEvent } from 'react';
import { parseDecimal } from '../../../../shared/domain/numbers';
import type { SkuCatalogueEntry, SkuCatalogueEntryInput, SkuCsvImportResult } from '../../../../shared/domain/sku-catalogue';
import { ErrorMessage, SaveCancel, SuccessMessage, TextField } from '../../components/ui';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { bytesToBase64 } from '../../lib/base64';
import { useFormats } from '../../app-state';
import { useT } from '../../i18n';
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

/** The form's fields, in order. */
const FIELDS = ['sku', 'descriptionEn', 'descriptionLocal', 'hsCode', 'originCountry', 'unitWeight', 'declaredValue', 'currency'] as const;

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
  const { t } = useT('settings');
  const formats = useFormats();
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
    onSuccess: (r) => setExported(r.saved ? t('catalogue.savedTo', { path: r.path }) : null),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (editing) void save.run(editing);
  };
  const set = (field: keyof EntryDraft) => (e: { target: { value: string } }) =>
    editing && setEditing({ ...editing, [field]: e.target.value });
  const fieldError = (field: string) => save.error?.fields?.[`entry.${field}`];
  /** A field's value, change handler and message from main. */
  const field = Object.fromEntries(
    FIELDS.map((name) => [name, { value: editing?.[name] ?? '', onChange: set(name), error: fieldError(name) }]),
  ) as Record<(typeof FIELDS)[number], { value: string; onChange: ReturnType<typeof set>; error: string | undefined }>;
  const page = list.data;

  return (
    <div className="card stack">
      <h2>{t('catalogue.heading')}</h2>
      <p className="hint">{t('catalogue.hint')}</p>
      <div className="actions">
        <TextField
          label={t('catalogue.search')}
          type="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOffset(0);
          }}
        />
      </div>
      {list.error && <ErrorMessage>{list.error.message}</ErrorMessage>}
      {page && page.total === 0 && !query && <p className="hint">{t('catalogue.none')}</p>}
      {page && page.total === 0 && query && <p className="hint">{t('catalogue.noMatch', { query })}</p>}
      {page && page.entries.length > 0 && (
        <table className="items catalogue-table">
          <caption className="sr-only">{t('catalogue.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalogue.sku')}</th>
              <th scope="col">{t('catalogue.descriptionEn')}</th>
              <th scope="col">{t('catalogue.descriptionLocal')}</th>
              <th scope="col">{t('catalogue.hsCode')}</th>
              <th scope="col">{t('catalogue.origin')}</th>
              <th scope="col">{t('catalogue.unitWeight')}</th>
              <th scope="col">{t('catalogue.declaredValue')}</th>
              <th scope="col">
                <span className="sr-only">{t('catalogue.actions')}</span>
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
                <td>{e.unitWeight !== undefined ? formats.decimal(e.unitWeight) : ''}</td>
                <td>
                  {e.declaredValue === undefined
                    ? ''
                    : e.currency
                      ? formats.money(e.declaredValue, e.currency)
                      : formats.decimal(e.declaredValue)}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={t('catalogue.editFor', { sku: e.sku })}
                    onClick={() => (save.clearError(), setEditing(draftOf(e)))}
                  >
                    {t('catalogue.edit')}
                  </button>
                  <button type="button" aria-label={t('catalogue.removeFor', { sku: e.sku })} onClick={() => void remove.run(e.sku)}>
                    {t('catalogue.remove')}
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
            {t('catalogue.previous')}
          </button>
          <span className="muted">
            {t('catalogue.pageOf', {
              from: formats.count(offset + 1),
              to: formats.count(Math.min(offset + PAGE, page.total)),
              total: formats.count(page.total),
            })}
          </span>
          <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
            {t('catalogue.next')}
          </button>
        </div>
      )}
      <ErrorMessage>{remove.error?.message}</ErrorMessage>

      {editing ? (
        <form
          onSubmit={submit}
          aria-label={editing.previousSku ? t('catalogue.editFor', { sku: editing.previousSku }) : t('catalogue.newForm')}
          className="stack"
        >
          <div className="grid-4">
            <TextField label={t('catalogue.sku')} {...field.sku} required autoFocus />
            <TextField label={t('catalogue.descriptionEn')} {...field.descriptionEn} required />
            <TextField label={t('catalogue.descriptionLocal')} {...field.descriptionLocal} />
            <TextField label={t('catalogue.hsCode')} {...field.hsCode} hint={t('catalogue.hsCodeHint')} />
          </div>
          <div className="grid-4">
            <TextField label={t('catalogue.originCountry')} {...field.originCountry} maxLength={2} hint={t('catalogue.originHint')} />
            <TextField label={t('catalogue.unitWeight')} inputMode="decimal" {...field.unitWeight} />
            <TextField label={t('catalogue.declaredValue')} inputMode="decimal" {...field.declaredValue} />
            <TextField label={t('catalogue.currency')} {...field.currency} maxLength={3} />
          </div>
          {save.error && !save.error.fields && <ErrorMessage>{save.error.message}</ErrorMessage>}
          <SaveCancel saveLabel={t('catalogue.save')} onCancel={() => (setEditing(null), save.clearError())} />
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => (save.clearError(), setEditing(empty))}>
            {t('catalogue.add')}
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={importCsv.pending}>
            {importCsv.pending ? t('catalogue.importing') : t('catalogue.import')}
          </button>
          <input
            ref={fileInput}
            type="file"
            hidden
            accept=".csv,.txt,.tsv,text/csv"
            aria-label={t('catalogue.importFile')}
            data-testid="sku-csv-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importCsv.run(file);
            }}
          />
          <button type="button" onClick={() => void exportCsv.run()}>
            {t('catalogue.export')}
          </button>
        </div>
      )}
      <ErrorMessage>{importCsv.error?.message ?? exportCsv.error?.message}</ErrorMessage>
      <SuccessMessage>{exported}</SuccessMessage>
      {imported && (
        <div className="stack" role="status" aria-label={t('catalogue.importResult')}>
          <p>
            {imported.result.rejectedRows > 0
              ? t('catalogue.importedWithRejects', {
                  file: imported.fileName,
                  added: formats.count(imported.result.added),
                  updated: formats.count(imported.result.updated),
                  count: imported.result.rejectedRows,
                })
              : t('catalogue.imported', {
                  file: imported.fileName,
                  added: formats.count(imported.result.added),
                  updated: formats.count(imported.result.updated),
                })}
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
