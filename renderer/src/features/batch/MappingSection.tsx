import { useState } from 'react';
import { BATCH_FIELDS, batchFieldLabels, type BatchField, type FieldSource } from '../../../../shared/domain/batch';
import type { BatchPreview } from '../../../../shared/domain/batch-view';
import { SelectField, TextField } from '../../components/ui';
import type { BatchState } from './use-batch';

const CONSTANT = '\u0000constant';
const CURRENT = '\u0000current';

const PART_NAMES = { state: 'province/prefecture', city: 'city', street: 'street', postalCode: 'postal code' } as const;

/** How the select shows a source that is not one column: "送付先郵便番号1 + 送付先郵便番号2 (joined with -)". */
function describe(source: Exclude<FieldSource, string>): string {
  if ('constant' in source) return `Same for every row: ${source.constant}`;
  if ('column' in source) return `${source.column} (its ${PART_NAMES[source.part]})`;
  const joined = source.columns.join(' + ');
  const notes = [
    source.columns.length > 1 ? `joined with “${source.join ?? ' '}”` : null,
    source.unit ? `in ${source.unit}` : null,
    source.lineTotal ? 'line total ÷ quantity' : null,
  ].filter(Boolean);
  return notes.length ? `${joined} (${notes.join(', ')})` : joined;
}

/** Step 2: which column of the file feeds which field, from a saved mapping or one by one, and saving it for the next file. */
export function MappingSection({ batch, preview }: { batch: BatchState; preview: BatchPreview }) {
  const { before, after } = preview.skipped;
  const leftOut = [
    before ? `${before} line${before === 1 ? '' : 's'} above the header` : null,
    after ? `${after} summary line${after === 1 ? '' : 's'} below the orders` : null,
  ].filter(Boolean);
  return (
    <section className="card stack" aria-labelledby="batch-mapping">
      <h2 id="batch-mapping">2. Match the columns</h2>
      {preview.profile && (
        <p className="success-box" data-testid="recognised-profile">
          Recognised: {preview.profile.name}. The columns below are matched for it; change any of them.
        </p>
      )}
      {leftOut.length > 0 && <p className="hint">Left out of the orders: {leftOut.join(' and ')}.</p>}
      {preview.missingText && (
        <p className="error-box" role="alert">
          Map a column for {preview.missingText}, or give one value for every row.
        </p>
      )}
      <div className="mapping-grid">
        {BATCH_FIELDS.map((field) => (
          <FieldPicker key={field} field={field} batch={batch} preview={preview} />
        ))}
      </div>
      <div className="inline-form">
        {preview.savedMappings.length > 0 && (
          <SelectField label="Use a saved mapping" value="" onChange={(e) => void batch.chooseSavedMapping(e.target.value)}>
            <option value="">Choose…</option>
            {preview.savedMappings.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
        )}
        <TextField
          label="Save this mapping as"
          value={batch.mappingName}
          onChange={(e) => batch.setMappingName(e.target.value)}
          placeholder="Shopify export"
        />
        <button type="button" disabled={!batch.mappingName.trim()} onClick={() => void batch.saveMapping()}>
          Save mapping
        </button>
      </div>
    </section>
  );
}

/** One field: a column, the source a platform profile set up (joined columns, a split cell), or the same value for every row. */
function FieldPicker({ field, batch, preview }: { field: BatchField; batch: BatchState; preview: BatchPreview }) {
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
        label={batchFieldLabels[field]}
        value={value}
        onChange={(e) => {
          const picked = e.target.value;
          if (picked === CONSTANT) return setTyping(constant ?? '');
          if (picked === CURRENT) return;
          setTyping(null);
          void batch.mapField(field, picked || null);
        }}
      >
        <option value="">(not in the file)</option>
        {canBeConstant && <option value={CONSTANT}>Same value for every row…</option>}
        {complex && <option value={CURRENT}>{describe(complex)}</option>}
        {preview.headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </SelectField>
      {value === CONSTANT && (
        <TextField
          label={`${batchFieldLabels[field]} for every row`}
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
