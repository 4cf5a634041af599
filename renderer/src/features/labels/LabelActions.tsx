import { useState } from 'react';
import type { LabelRecord } from '../../../../shared/domain/labels';
import { station } from '../../station';
import { PrintButton } from '../printing/PrintButton';

/** Save, copy tracking number, view tracking: the same actions in the result view and in history. Never buys a label. */
export function LabelActions({ label, onTrack, onPreview }: { label: LabelRecord; onTrack?: (id: string) => void; onPreview?: (id: string) => void }) {
  const [message, setMessage] = useState<string | null>(null);
  if (label.status !== 'created') return null;
  const save = async () => {
    const r = await station().labels.saveAs({ id: label.id });
    setMessage(r.ok ? (r.value.saved ? `Saved to ${r.value.path}` : 'Not saved.') : r.error.message);
  };
  const copy = async () => {
    if (!label.trackingNumber) return;
    const r = await station().app.copyText({ text: label.trackingNumber });
    setMessage(r.ok && r.value.copied ? `Copied ${label.trackingNumber}` : 'Could not copy the tracking number.');
  };
  return (
    <div className="label-actions">
      <PrintButton labelIds={[label.id]} label="Reprint" />
      {onPreview && (
        <button type="button" onClick={() => onPreview(label.id)} aria-label={`Preview label ${label.trackingNumber ?? label.id}`}>
          Preview
        </button>
      )}
      <button type="button" onClick={() => void save()} aria-label={`Save label ${label.trackingNumber ?? label.id}`}>
        Save as…
      </button>
      {label.trackingNumber && (
        <button type="button" onClick={() => void copy()} aria-label={`Copy tracking number ${label.trackingNumber}`}>
          Copy tracking number
        </button>
      )}
      {onTrack && (
        <button type="button" onClick={() => onTrack(label.id)} aria-label={`Track ${label.trackingNumber ?? label.id}`}>
          Tracking
        </button>
      )}
      {message && (
        <span role="status" className="hint">
          {message}
        </span>
      )}
    </div>
  );
}
