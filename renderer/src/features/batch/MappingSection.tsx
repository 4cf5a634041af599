import { BATCH_FIELDS, batchFieldLabels } from '../../../../shared/domain/batch';
import type { BatchPreview } from '../../../../shared/domain/batch-view';
import { SelectField, TextField } from '../../components/ui';
import type { BatchState } from './use-batch';

/** Step 2: which column of the file feeds which field, from a saved mapping or one by one, and saving it for the next file. */
export function MappingSection({ batch, preview }: { batch: BatchState; preview: BatchPreview }) {
  return (
    <section className="card stack" aria-labelledby="batch-mapping">
      <h2 id="batch-mapping">2. Match the columns</h2>
      {preview.missingText && (
        <p className="error-box" role="alert">
          Map a column for {preview.missingText}.
        </p>
      )}
      <div className="mapping-grid">
        {BATCH_FIELDS.map((field) => (
          <SelectField
            key={field}
            label={batchFieldLabels[field]}
            value={preview.mapping[field] ?? ''}
            onChange={(e) => void batch.mapField(field, e.target.value)}
          >
            <option value="">(not in the file)</option>
            {preview.headers.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </SelectField>
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
