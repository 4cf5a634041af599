import { useFormats, useTimes } from '../../app-state';
import { useT } from '../../i18n';
import { useEffect, useState } from 'react';
import type { CsvEncodingChoice, FieldSource } from '../../../../shared/domain/batch';
import type { BatchPreview } from '../../../../shared/domain/batch-view';
import { CatalogOptions } from '../../components/CatalogOptions';
import { SelectField, TextField } from '../../components/ui';
import { useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import type { BatchState } from './use-batch';

/**
 * Step 1 of an import, the same in Batch and in station mode's Load orders: the file and its
 * encoding, what was read, whether a saved mapping was taken for its headers, and the courier
 * and product for the whole file.
 */
export function ImportStep({ batch, preview }: { batch: BatchState; preview: BatchPreview | null }) {
  const { t } = useT('batch');
  const { count } = useFormats();
  const { dateTime: when } = useTimes();
  return (
    <section className="card stack" aria-labelledby="batch-file">
      <h2 id="batch-file">{t('file.heading')}</h2>
      <div className="grid-3">
        <div className="field">
          <label htmlFor="batch-file-input">{t('file.input')}</label>
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
          label={t('file.encoding')}
          value={batch.encoding}
          onChange={(e) => batch.setEncoding(e.target.value as '' | CsvEncodingChoice)}
        >
          <option value="">{t('file.encodingAuto')}</option>
          <option value="utf-8">{t('file.encodingUtf8')}</option>
          <option value="windows-1252">{t('file.encodingWestern')}</option>
          <option value="shift_jis">{t('file.encodingShiftJis')}</option>
          <option value="gbk">{t('file.encodingGbk')}</option>
        </SelectField>
      </div>
      {batch.reading && <p role="status">{t('file.reading')}</p>}
      {preview && (
        <>
          <p className="hint">
            <span data-testid="import-summary">
              {t('file.summary', {
                file: preview.fileName,
                rows: t('file.rows', { count: preview.rowCount, rows: count(preview.rowCount) }),
                orders: t('file.orders', { count: preview.counts.orders, orders: count(preview.counts.orders) }),
                encoding: preview.encoding,
              })}
            </span>{' '}
            {t('file.importedAt', { when: when(preview.createdAt) })}
          </p>
          {preview.mappingSource && (
            <p className="notice-box" role="status" data-testid="mapping-source">
              {preview.mappingSource.savedAt
                ? t('file.savedMappingFrom', { name: preview.mappingSource.name, when: when(preview.mappingSource.savedAt) })
                : t('file.savedMapping', { name: preview.mappingSource.name })}
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
  const { t } = useT('batch');
  const { options } = preview;
  const couriers = useQuery(queryKeys.couriers, () => station().catalog.couriers({}), { refetchOnMount: true });
  const productsKey = options.courier ? queryKeys.products(options.courier) : null;
  const products = useQuery(productsKey, () => station().catalog.products({ courier: options.courier ?? '' }));
  const courierList = couriers.data?.available ? couriers.data.items : null;
  // The file's own courier or product column, which ticking the box overrides.
  const fileColumn = preview.mapping.courier ?? preview.mapping.productCode ?? null;
  return (
    <fieldset className="stack" data-testid="whole-file">
      <legend>{t('wholeFile.legend')}</legend>
      <div className="grid-3">
        {courierList ? (
          <SelectField
            label={t('wholeFile.courier')}
            value={options.courier ?? ''}
            onChange={(e) => void batch.setOptions({ courier: e.target.value || null, productCode: null })}
          >
            <CatalogOptions items={courierList} placeholder={t('wholeFile.settingsDefault')} />
          </SelectField>
        ) : (
          <CodeInput label={t('wholeFile.courierCode')} value={options.courier} onSave={(courier) => void batch.setOptions({ courier })} />
        )}
        {courierList && (!options.courier || products.data?.available) ? (
          <SelectField
            label={t('wholeFile.product')}
            value={options.productCode ?? ''}
            onChange={(e) => void batch.setOptions({ productCode: e.target.value || null })}
            disabled={!options.courier}
          >
            <CatalogOptions items={products.data?.available ? products.data.items : []} placeholder={t('wholeFile.settingsDefault')} />
          </SelectField>
        ) : (
          <CodeInput
            label={t('wholeFile.productCode')}
            value={options.productCode}
            onSave={(productCode) => void batch.setOptions({ productCode })}
          />
        )}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={options.overrideFile}
          disabled={!options.courier && !options.productCode}
          onChange={(e) => void batch.setOptions({ overrideFile: e.target.checked })}
        />{' '}
        {fileColumn ? t('wholeFile.overrideColumn', { column: describeColumn(fileColumn) }) : t('wholeFile.override')}
      </label>
      <small className="hint">{options.overrideFile ? t('wholeFile.overrideOn') : t('wholeFile.overrideOff')}</small>
    </fieldset>
  );
}

/** The column a field is read from, as the file names it (a source of several columns: their headers). */
function describeColumn(source: FieldSource | null | undefined): string {
  if (!source) return '';
  if (typeof source === 'string') return source;
  if ('columns' in source) return source.columns.join(' + ');
  if ('column' in source) return source.column;
  return source.constant;
}

/** A typed-in code (an API that does not list couriers or products); saved on blur or Enter. */
function CodeInput({ label, value, onSave }: { label: string; value: string | null; onSave: (value: string | null) => void }) {
  const { t } = useT('batch');
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
      placeholder={t('wholeFile.settingsDefault')}
      onChange={(e) => setText(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), save())}
    />
  );
}
