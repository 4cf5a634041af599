import { useState } from 'react';
import type { LabelRecord } from '../../../../shared/domain/labels';
import { useAction } from '../../data/hooks';
import { station } from '../../station';
import { PrintButton } from '../printing/PrintButton';

/**
 * Save, copy tracking number, view tracking: the same actions in the result view and in history.
 * Never buys a label; "Duplicate" (History) only opens New label with a copy of its request.
 */
export function LabelActions({
  label,
  onTrack,
  onPreview,
  onDuplicate,
}: {
  label: LabelRecord;
  onTrack?: (id: string) => void;
  onPreview?: (id: string) => void;
  onDuplicate?: (label: LabelRecord) => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const saveAs = useAction(() => station().labels.saveAs({ id: label.id }), {
    onSuccess: ({ saved, path }) => setMessage(saved ? `Saved to ${path}` : 'Not saved.'),
    onError: (e) => setMessage(e.message),
  });
  const copyText = useAction((text: string) => station().app.copyText({ text }), {
    onSuccess: ({ copied }, text) => setMessage(copied ? `Copied ${text}` : 'Could not copy the tracking number.'),
    onError: () => setMessage('Could not copy the tracking number.'),
  });
  if (label.status !== 'created') return null;
  const save = () => void saveAs.run();
  const copy = () => {
    if (label.trackingNumber) void copyText.run(label.trackingNumber);
  };
  return (
    <div className="label-actions">
      <PrintButton labelIds={[label.id]} label={label.print ? 'Reprint' : 'Print'} />
      {onPreview && (
        <button type="button" onClick={() => onPreview(label.id)} aria-label={`Preview label ${label.trackingNumber ?? label.id}`}>
          Preview
        </button>
      )}
      <button type="button" onClick={save} aria-label={`Save label ${label.trackingNumber ?? label.id}`}>
        Save as…
      </button>
      {label.trackingNumber && (
        <button type="button" onClick={copy} aria-label={`Copy tracking number ${label.trackingNumber}`}>
          Copy tracking number
        </button>
      )}
      {onTrack && (
        <button type="button" onClick={() => onTrack(label.id)} aria-label={`Track ${label.trackingNumber ?? label.id}`}>
          Tracking
        </button>
      )}
      {onDuplicate && (
        <button type="button" onClick={() => onDuplicate(label)} aria-label={`Duplicate label ${label.trackingNumber ?? label.id}`}>
          Duplicate
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
