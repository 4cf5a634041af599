import { useTimes } from '../../app-state';
import { useEffect, useState } from 'react';
import type { CsvEncodingChoice } from '../../../../shared/domain/batch';
import type { BatchPreview } from '../../../../shared/domain/batch-view';
import { CatalogOptions } from '../../components/CatalogOptions';
import { SelectField, TextField } from '../../components/ui';
import { useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { count, type BatchState } from './use-batch';

/**
 * Step 1 of an import, the same in Batch and in station mode's Load orders: the file and its
 * encoding, what was read, whether a saved mapping was taken for its headers, and the courier
 * and product for the whole file.
 */
export function ImportStep({ batch, preview }: { batch: BatchState; preview: BatchPreview | null }) {
  const { dateTime: when } = useTimes();
  return (
    <section className="card stack" aria-labelledby="batch-file">
      <h2 id="batch-file">1. Choose the file</h2>
      <div className="grid-3">
        <div className="field">
          <label htmlFor="batch-file-input">CSV file of orders</label>
          <input
            id="batch-file-input"
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void batch.importFile(file);
            }}
            disabled={batch.reading}
          />
        </div>
        <SelectField
          label="Text encoding"
          value={batch.encoding}
          onChange={(e) => batch.setEncoding(e.target.value as '' | CsvEncodingChoice)}
        >
          <option value="">Detect automatically</option>
          <option value="utf-8">UTF-8</option>
          <option value="windows-1252">Windows-1252 / ISO-8859-1 (Western European)</option>
          <option value="shift_jis">Shift_JIS (Japanese)</option>
          <option value="gbk">GBK (Chinese)</option>
        </SelectField>
      </div>
      {batch.reading && <p role="status">Reading the file…</p>}
      {preview && (
        <>
          <p className="hint">
            <span data-testid="import-summary">
              {preview.fileName}: {count(preview.rowCount)} rows, {count(preview.counts.orders)} orders, read as {preview.encoding}.
            </span>{' '}
            Imported {when(preview.createdAt)}.
          </p>
          {preview.mappingSource && (
            <p className="notice-box" role="status" data-testid="mapping-source">
              Using your saved mapping “{preview.mappingSource.name}”
              {preview.mappingSource.savedAt ? ` from ${when(preview.mappingSource.savedAt)}` : ''}: this file has the same columns. Change
              any column below if it is not right.
            </p>
          )}
          <WholeFile batch={batch} preview={preview} />
        </>
      )}
    </section>
  );
}

/** Courier and product for every order of the file: where a row names none, or (when ticked) instead of the file's own. */
function WholeFile({ batch, preview }: { batch: BatchState; preview: BatchPreview }) {
  const { options } = preview;
  const couriers = useQuery(queryKeys.couriers, () => station().catalog.couriers({}), { refetchOnMount: true });
  const productsKey = options.courier ? queryKeys.products(options.courier) : null;
  const products = useQuery(productsKey, () => station().catalog.products({ courier: options.courier ?? '' }));
  const courierList = couriers.data?.available ? couriers.data.items : null;
  const fileHas = (field: 'courier' | 'productCode') => Boolean(preview.mapping[field]);
  return (
    <fieldset className="stack" data-testid="whole-file">
      <legend>Courier and product for the whole file</legend>
      <div className="grid-3">
        {courierList ? (
          <SelectField
            label="Courier"
            value={options.courier ?? ''}
            onChange={(e) => void batch.setOptions({ courier: e.target.value || null, productCode: null })}
          >
            <CatalogOptions items={courierList} placeholder="Settings default" />
          </SelectField>
        ) : (
          <CodeInput label="Courier code" value={options.courier} onSave={(courier) => void batch.setOptions({ courier })} />
        )}
        {courierList && (!options.courier || products.data?.available) ? (
          <SelectField
            label="Product"
            value={options.productCode ?? ''}
            onChange={(e) => void batch.setOptions({ productCode: e.target.value || null })}
            disabled={!options.courier}
          >
            <CatalogOptions items={products.data?.available ? products.data.items : []} placeholder="Settings default" />
          </SelectField>
        ) : (
          <CodeInput label="Product code" value={options.productCode} onSave={(productCode) => void batch.setOptions({ productCode })} />
        )}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={options.overrideFile}
          disabled={!options.courier && !options.productCode}
          onChange={(e) => void batch.setOptions({ overrideFile: e.target.checked })}
        />{' '}
        Use them for every order, even where the file names another
        {fileHas('courier') || fileHas('productCode')
          ? ` (the file’s “${preview.mapping.courier ?? preview.mapping.productCode}” column is then ignored)`
          : ''}
      </label>
      <small className="hint">
        {options.overrideFile
          ? 'Every order of this file gets this courier and product.'
          : 'Orders whose row names no courier or product get these; rows that name one keep it.'}
      </small>
    </fieldset>
  );
}

/** A typed-in code (an API that does not list couriers or products); saved on blur or Enter. */
function CodeInput({ label, value, onSave }: { label: string; value: string | null; onSave: (value: string | null) => void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const save = () => {
    const next = text.trim() || null;
    if (next !== value) onSave(next);
  };
  return (
    <TextField
      label={label}
      value={text}
      placeholder="Settings default"
      onChange={(e) => setText(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), save())}
    />
  );
}
