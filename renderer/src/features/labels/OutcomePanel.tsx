import { useState } from 'react';
import type { CreateOutcome } from '../../../../shared/domain/label-draft';
import { ErrorMessage } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useAction } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { DocumentPreview } from './DocumentPreview';
import { LabelActions } from './LabelActions';
import { PrintJobStatus } from '../printing/PrintButton';

/** What happened after "Create label": the label and its preview, the courier's refusal, an in-doubt request, or a duplicate warning. */
export function OutcomePanel({
  outcome,
  onOutcome,
  onCreateAnother,
  onTrack,
}: {
  outcome: CreateOutcome;
  onOutcome: (o: CreateOutcome) => void;
  onCreateAnother: () => void;
  onTrack: (id: string) => void;
}) {
  // Resending an in-doubt request: the same stored bytes and key, so it can never buy a second label.
  const resolve = useAction((idempotencyKey: string) => station().labels.resolve({ idempotencyKey }), {
    invalidates: [queryKeys.unresolved],
    onSuccess: onOutcome,
  });
  const [retryDocument, setRetryDocument] = useState(false);
  const times = useTimes();

  if (outcome.kind === 'created') {
    const { label } = outcome;
    return (
      <section className="card outcome outcome-ok" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">{outcome.replayed ? 'Label found (it already existed)' : 'Label created'}</h2>
        <dl className="status-list">
          <dt>Tracking number</dt>
          <dd data-testid="tracking-number">{label.trackingNumber ?? 'Not assigned yet'}</dd>
          <dt>Recipient</dt>
          <dd>{label.recipientName}</dd>
          <dt>Order</dt>
          <dd>{label.customerOrderNumber ?? '—'}</dd>
          <dt>Courier</dt>
          <dd>
            {label.courier} {label.productCode ? `· ${label.productCode}` : ''}
          </dd>
        </dl>
        {outcome.printJob && (
          <p className="auto-print">
            Printed automatically: <PrintJobStatus job={outcome.printJob} />
          </p>
        )}
        {outcome.documentError && !retryDocument ? (
          <>
            <ErrorMessage>{outcome.documentError}</ErrorMessage>
            <button type="button" onClick={() => setRetryDocument(true)}>
              Fetch document
            </button>
          </>
        ) : (
          // The preview downloads the document once if it is not stored yet (never buys a label).
          <DocumentPreview labelId={label.id} />
        )}
        <LabelActions label={label} onTrack={onTrack} />
      </section>
    );
  }
  if (outcome.kind === 'rejected') {
    return (
      <section className="card outcome outcome-failed" aria-labelledby="outcome-heading" role="alert">
        <h2 id="outcome-heading">The courier refused this label</h2>
        <p>
          <strong>{outcome.label.errorCode}</strong>: {outcome.label.errorMessage}
        </p>
        <p className="hint">Nothing was shipped. Fix the shipment and create the label again; the refusal is kept in history.</p>
      </section>
    );
  }
  if (outcome.kind === 'in_doubt') {
    return (
      <section className="card outcome outcome-doubt" aria-labelledby="outcome-heading" role="alert">
        <h2 id="outcome-heading">Not confirmed yet</h2>
        <p>{outcome.message}</p>
        <ErrorMessage>{resolve.error?.message}</ErrorMessage>
        <button type="button" className="primary" onClick={() => void resolve.run(outcome.idempotencyKey)} disabled={resolve.pending}>
          {resolve.pending ? 'Checking…' : 'Check again'}
        </button>
      </section>
    );
  }
  const last = outcome.labels[0];
  return (
    <section className="card outcome outcome-warning" aria-labelledby="outcome-heading" role="alert">
      <h2 id="outcome-heading">
        {outcome.lastRejected
          ? `The courier refused order ${outcome.orderNumber} before`
          : `Order ${outcome.orderNumber} already has a label`}
      </h2>
      {last && (
        <p>
          {last.status === 'created'
            ? `Tracking number ${last.trackingNumber ?? '(not assigned yet)'}, created ${times.dateTime(last.createdAt)}.`
            : `Refused: ${last.errorMessage ?? 'no reason given'}.`}
        </p>
      )}
      <p className="hint">
        {outcome.lastRejected
          ? 'Sending it again needs a new request.'
          : 'Reprint it from History. Create another label only if this order really ships in more than one parcel label.'}
      </p>
      <button type="button" className={outcome.lastRejected ? 'primary' : 'danger'} onClick={onCreateAnother}>
        {outcome.lastRejected ? 'Send a new request for this order' : 'Create another label for this order'}
      </button>
    </section>
  );
}
