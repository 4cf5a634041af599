import { useState } from 'react';
import type { LabelRecord } from '../../../../shared/domain/labels';
import { useAction } from '../../data/hooks';
import { useT } from '../../i18n';
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
  const { t } = useT('labels');
  const [message, setMessage] = useState<string | null>(null);
  const saveAs = useAction(() => station().labels.saveAs({ id: label.id }), {
    onSuccess: ({ saved, path }) => setMessage(saved ? t('actions.saved', { path }) : t('actions.notSaved')),
    onError: (e) => setMessage(e.message),
  });
  const copyText = useAction((text: string) => station().app.copyText({ text }), {
    onSuccess: ({ copied }, text) => setMessage(copied ? t('actions.copied', { text }) : t('actions.copyFailed')),
    onError: () => setMessage(t('actions.copyFailed')),
  });
  if (label.status !== 'created') return null;
  const save = () => void saveAs.run();
  const copy = () => {
    if (label.trackingNumber) void copyText.run(label.trackingNumber);
  };
  return (
    <div className="label-actions">
      <PrintButton labelIds={[label.id]} label={label.print ? t('actions.reprint') : t('actions.print')} />
      {onPreview && (
        <button
          type="button"
          onClick={() => onPreview(label.id)}
          aria-label={t('actions.previewNamed', { label: label.trackingNumber ?? label.id })}
        >
          {t('actions.preview')}
        </button>
      )}
      <button type="button" onClick={save} aria-label={t('actions.saveNamed', { label: label.trackingNumber ?? label.id })}>
        {t('actions.saveAs')}
      </button>
      {label.trackingNumber && (
        <button type="button" onClick={copy} aria-label={t('actions.copyTrackingNamed', { tracking: label.trackingNumber })}>
          {t('actions.copyTracking')}
        </button>
      )}
      {onTrack && (
        <button
          type="button"
          onClick={() => onTrack(label.id)}
          aria-label={t('actions.trackNamed', { label: label.trackingNumber ?? label.id })}
        >
          {t('actions.tracking')}
        </button>
      )}
      {onDuplicate && (
        <button
          type="button"
          onClick={() => onDuplicate(label)}
          aria-label={t('actions.duplicateNamed', { label: label.trackingNumber ?? label.id })}
        >
          {t('actions.duplicate')}
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
