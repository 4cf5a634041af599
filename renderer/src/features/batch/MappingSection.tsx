import { useState } from 'react';
import { BATCH_FIELDS, type BatchField, type FieldSource } from '../../../../shared/domain/batch';
import type { BatchPreview } from '../../../../shared/domain/batch-view';
import { SelectField, TextField } from '../../components/ui';
import type { BatchState } from './use-batch';
import { useFormats } from '../../app-state';
import { useT } from '../../i18n';
import type { Translate } from '../../../../shared/i18n/translate';

const CONSTANT = '\u0000constant';
const CURRENT = '\u0000current';

/** How the select shows a source that is not one column: "送付先郵便番号1 + 送付先郵便番号2 (joined with -)". */
function describe(t: Translate<'batch'>, source: Exclude<FieldSource, string>): string {
  if ('constant' in source) return t('mapping.source.constant', { value: source.constant });
  if ('column' in source) return t('mapping.source.part', { column: source.column, part: t(`mapping.part.${source.part}`) });
  const joined = source.columns.join(' + ');
  const notes = [
    source.columns.length > 1 ? t('mapping.source.joined', { join: source.join ?? ' ' }) : null,
    source.unit ? t('mapping.source.unit', { unit: source.unit }) : null,
    source.lineTotal ? t('mapping.source.lineTotal') : null,
  ].filter(Boolean);
  return notes.length ? t('mapping.source.withNotes', { columns: joined, notes: notes.join(t('mapping.source.separator')) }) : joined;
}

/** Step 2: which column of the file feeds which field, from a saved mapping or one by one, and saving it for the next file. */
export function MappingSection({ batch, preview }: { batch: BatchState; preview: BatchPreview }) {
  const { t } = useT('batch');
  const { count } = useFormats();
  const { before, after } = preview.skipped;
  const above = before ? t('mapping.skippedBefore', { count: before, lines: count(before) }) : null;
  const below = after ? t('mapping.skippedAfter', { count: after, lines: count(after) }) : null;
  return (
    <section className="card stack" aria-labelledby="batch-mapping">
      <h2 id="batch-mapping">{t('mapping.heading')}</h2>
      {preview.profile && (
        <p className="success-box" data-testid="recognised-profile">
          {t('mapping.recognised', { name: preview.profile.name })}
        </p>
      )}
      {(above || below) && (
        <p className="hint">
          {above && below ? t('mapping.leftOutBoth', { above, below }) : t('mapping.leftOut', { what: above ?? below })}
        </p>
      )}
      {preview.missingText && (
        <p className="error-box" role="alert">
          {t('mapping.missing', { fields: preview.missingText })}
        </p>
      )}
      <div className="mapping-grid">
        {BATCH_FIELDS.map((field) => (
          <FieldPicker key={field} field={field} batch={batch} preview={preview} />
        ))}
      </div>
      <div className="inline-form">
        {preview.savedMappings.length > 0 && (
          <SelectField label={t('mapping.useSaved')} value="" onChange={(e) => void batch.chooseSavedMapping(e.target.value)}>
            <option value="">{t('mapping.choose')}</option>
            {preview.savedMappings.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
        )}
        <TextField
          label={t('mapping.saveAs')}
          value={batch.mappingName}
          onChange={(e) => batch.setMappingName(e.target.value)}
          placeholder={t('mapping.saveAsExample')}
        />
        <button type="button" disabled={!batch.mappingName.trim()} onClick={() => void batch.saveMapping()}>
          {t('mapping.save')}
        </button>
      </div>
    </section>
  );
}

/** One field: a column, the source a platform profile set up (joined columns, a split cell), or the same value for every row. */
function FieldPicker({ field, batch, preview }: { field: BatchField; batch: BatchState; preview: BatchPreview }) {
  const { t } = useT('batch');
  const fieldLabel = t(`fields.${field}`);
  const source = preview.mapping[field] ?? null;
  const constant = source && typeof source === 'object' && 'constant' in source ? source.constant : null;
  const [typing, setTyping] = useState<string | null>(null);
  const complex = source && typeof source === 'object' && !('constant' in source) ? source : null;
  const value = typing !== null || constant !== null ? CONSTANT : complex ? CURRENT : typeof source === 'string' ? source : '';
  // The order number is always one column: rows are grouped by it.
  const canBeConstant = field !== 'orderNumber';

  const commit = (text: string) => {
    setTyping(null);
    const trimmed = text.trim();
    if (trimmed && trimmed !== constant) void batch.mapField(field, { constant: trimmed });
  };

  return (
    <div className="mapping-field">
      <SelectField
        label={fieldLabel}
        value={value}
        onChange={(e) => {
          const picked = e.target.value;
          if (picked === CONSTANT) return setTyping(constant ?? '');
          if (picked === CURRENT) return;
          setTyping(null);
          void batch.mapField(field, picked || null);
        }}
      >
        <option value="">{t('mapping.notInFile')}</option>
        {canBeConstant && <option value={CONSTANT}>{t('mapping.sameForEveryRow')}</option>}
        {complex && <option value={CURRENT}>{describe(t, complex)}</option>}
        {preview.headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </SelectField>
      {value === CONSTANT && (
        <TextField
          label={t('mapping.constantLabel', { field: fieldLabel })}
          value={typing ?? constant ?? ''}
          onChange={(e) => setTyping(e.target.value)}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit(e.currentTarget.value);
          }}
        />
      )}
    </div>
  );
}
