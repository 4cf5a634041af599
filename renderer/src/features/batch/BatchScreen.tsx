import type { CsvEncodingChoice } from '../../../../shared/domain/batch';
import { ErrorMessage, SelectField, SuccessMessage } from '../../components/ui';
import { MappingSection } from './MappingSection';
import { OrdersSection } from './OrdersSection';
import { RunSection } from './RunSection';
import { count, useBatch } from './use-batch';

/** Hundreds of labels from a CSV of orders: import, map, fix, run with progress, results. The state lives in `useBatch`. */
export function BatchScreen() {
  const batch = useBatch();
  const { preview, run } = batch;
  return (
    <div className="batch stack">
      <div className="new-label-head">
        <h1>Batch labels from a CSV</h1>
        <button type="button" onClick={() => void batch.downloadSample()}>
          Download the sample CSV
        </button>
      </div>
      <SuccessMessage>{batch.message}</SuccessMessage>
      <ErrorMessage>{batch.error}</ErrorMessage>

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
          <p className="hint" data-testid="import-summary">
            {preview.fileName}: {count(preview.rowCount)} rows, {count(preview.counts.orders)} orders, read as {preview.encoding}.
          </p>
        )}
      </section>

      {preview && <MappingSection batch={batch} preview={preview} />}
      {preview && <OrdersSection batch={batch} preview={preview} />}
      {run && <RunSection batch={batch} run={run} />}
    </div>
  );
}
