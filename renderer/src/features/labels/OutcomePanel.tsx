import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CreateOutcome } from '../../../../shared/domain/label-draft';
import { ErrorMessage } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useAction } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { DocumentPreview } from './DocumentPreview';
import { LabelActions } from './LabelActions';
import { PrintButton, PrintJobStatus } from '../printing/PrintButton';
import type { DuplicateQuestion } from './use-shipment-form';

/** What happened after "Create label": the label and its preview, the courier's refusal, an in-doubt request, or a duplicate warning. */
export function OutcomePanel({
  outcome,
  onOutcome,
  onCreateAnother,
  onTrack,
  onNewLabel,
  onDuplicate,
  created,
}: {
  /** Shown under a created label's actions (New label's "Save <SKU> to the product catalogue"). */
  created?: ReactNode;
  outcome: CreateOutcome;
  onOutcome: (o: CreateOutcome) => void;
  onCreateAnother: () => void;
  onTrack: (id: string) => void;
  /** A created label locked the form: start a blank one, or a copy of this one (an explicit new purchase). */
  onNewLabel: () => void;
  onDuplicate: () => void;
}) {
  const newLabelRef = useRef<HTMLButtonElement>(null);
  const createdId = outcome.kind === 'created' ? outcome.label.id : null;
  // The form is locked now: the keyboard goes on from the result, where Enter starts the next label.
  useEffect(() => {
    if (createdId) newLabelRef.current?.focus();
  }, [createdId]);
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
        <div className="actions next-label">
          <button type="button" className="primary" ref={newLabelRef} onClick={onNewLabel}>
            New label
          </button>
          <button type="button" onClick={onDuplicate} aria-describedby="duplicate-hint">
            Duplicate
          </button>
          <small id="duplicate-hint" className="hint">
            Duplicate: a new draft from this one; creating it buys another label.
          </small>
        </div>
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
        {created}
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

/**
 * Main refused a request without an order number: the same shipment was labelled (or is still
 * unconfirmed) within the window. Buy another label (the explicit confirmation), reprint the
 * existing one (the usual print path, nothing bought), or cancel (Esc).
 */
export function DuplicateQuestionPanel({
  question,
  onBuyAnother,
  onCancel,
  onOutcome,
  busy,
}: {
  question: DuplicateQuestion;
  onBuyAnother: (confirmDuplicateOf: string) => void;
  onCancel: () => void;
  onOutcome: (o: CreateOutcome) => void;
  busy: boolean;
}) {
  const times = useTimes();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [question]);
  const resolve = useAction((idempotencyKey: string) => station().labels.resolve({ idempotencyKey }), {
    invalidates: [queryKeys.unresolved],
    onSuccess: onOutcome,
  });
  const existing = question.kind === 'label' ? question.labelId : question.idempotencyKey;
  return (
    <section
      className="card outcome outcome-warning"
      aria-labelledby="duplicate-heading"
      role="alert"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id="duplicate-heading" ref={headingRef} tabIndex={-1}>
        {question.kind === 'label' ? 'This shipment was already labelled' : 'This shipment’s label request is not confirmed yet'}
      </h2>
      {question.kind === 'label' ? (
        <dl className="status-list">
          <dt>Tracking number</dt>
          <dd data-testid="duplicate-tracking">{question.trackingNumber ?? 'Not assigned yet'}</dd>
          <dt>Recipient</dt>
          <dd>{question.recipientName}</dd>
          <dt>Order</dt>
          <dd>{question.orderNumber ?? '—'}</dd>
          <dt>Created</dt>
          <dd>{times.dateTime(question.createdAt)}</dd>
          <dt>Label</dt>
          <dd>
            <code>{question.labelId}</code>
          </dd>
        </dl>
      ) : (
        <p>Sent {times.dateTime(question.createdAt)}; it may have bought a label. Check it again before buying another.</p>
      )}
      <p className="hint">Buy another label only if this really is a second parcel for the same recipient.</p>
      <ErrorMessage>{resolve.error?.message}</ErrorMessage>
      <div className="actions">
        {question.kind === 'label' ? (
          <PrintButton labelIds={[question.labelId]} label="Reprint the existing one" />
        ) : (
          <button type="button" className="primary" onClick={() => void resolve.run(question.idempotencyKey)} disabled={resolve.pending}>
            {resolve.pending ? 'Checking…' : 'Check again'}
          </button>
        )}
        <button type="button" className="danger" onClick={() => onBuyAnother(existing)} disabled={busy}>
          Buy another label
        </button>
        <button type="button" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}
