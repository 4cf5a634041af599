import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CreateOutcome } from '../../../../shared/domain/label-draft';
import { ErrorMessage, WithKeys } from '../../components/ui';
import { useT } from '../../i18n';
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
  const { t } = useT('labels');
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
        <h2 id="outcome-heading">{outcome.replayed ? t('outcome.replayed') : t('outcome.created')}</h2>
        <div className="actions next-label">
          <button type="button" className="primary" ref={newLabelRef} onClick={onNewLabel}>
            {t('outcome.newLabel')}
          </button>
          <button type="button" onClick={onDuplicate} aria-describedby="duplicate-hint">
            {t('outcome.duplicate')}
          </button>
          <small id="duplicate-hint" className="hint">
            {t('outcome.duplicateHint')}
          </small>
        </div>
        <dl className="status-list">
          <dt>{t('outcome.trackingNumber')}</dt>
          <dd data-testid="tracking-number">{label.trackingNumber ?? t('outcome.notAssigned')}</dd>
          <dt>{t('outcome.recipient')}</dt>
          <dd>{label.recipientName}</dd>
          <dt>{t('outcome.order')}</dt>
          <dd>{label.customerOrderNumber ?? '—'}</dd>
          <dt>{t('outcome.courier')}</dt>
          <dd>{label.productCode ? t('outcome.courierProduct', { courier: label.courier, product: label.productCode }) : label.courier}</dd>
        </dl>
        {outcome.printJob && (
          <p className="auto-print">
            {t('outcome.printedAutomatically')} <PrintJobStatus job={outcome.printJob} />
          </p>
        )}
        {outcome.documentError && !retryDocument ? (
          <>
            <ErrorMessage>{outcome.documentError}</ErrorMessage>
            <button type="button" onClick={() => setRetryDocument(true)}>
              {t('outcome.fetchDocument')}
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
        <h2 id="outcome-heading">{t('outcome.rejectedTitle')}</h2>
        <p>
          <strong>{outcome.label.errorCode}</strong>: {outcome.label.errorMessage}
        </p>
        <p className="hint">{t('outcome.rejectedHint')}</p>
      </section>
    );
  }
  if (outcome.kind === 'in_doubt') {
    return (
      <section className="card outcome outcome-doubt" aria-labelledby="outcome-heading" role="alert">
        <h2 id="outcome-heading">{t('outcome.inDoubtTitle')}</h2>
        <p>{outcome.message}</p>
        <ErrorMessage>{resolve.error?.message}</ErrorMessage>
        <button type="button" className="primary" onClick={() => void resolve.run(outcome.idempotencyKey)} disabled={resolve.pending}>
          {resolve.pending ? t('outcome.checking') : t('outcome.checkAgain')}
        </button>
      </section>
    );
  }
  const last = outcome.labels[0];
  return (
    <section className="card outcome outcome-warning" aria-labelledby="outcome-heading" role="alert">
      <h2 id="outcome-heading">
        {outcome.lastRejected
          ? t('outcome.refusedBefore', { order: outcome.orderNumber })
          : t('outcome.hasLabel', { order: outcome.orderNumber })}
      </h2>
      {last && (
        <p>
          {last.status === 'created'
            ? t('outcome.lastCreated', {
                tracking: last.trackingNumber ?? t('outcome.notAssignedParens'),
                at: times.dateTime(last.createdAt),
              })
            : t('outcome.lastRefused', { reason: last.errorMessage ?? t('outcome.noReason') })}
        </p>
      )}
      <p className="hint">{outcome.lastRejected ? t('outcome.refusedBeforeHint') : t('outcome.hasLabelHint')}</p>
      <button type="button" className={outcome.lastRejected ? 'primary' : 'danger'} onClick={onCreateAnother}>
        {outcome.lastRejected ? t('outcome.sendNewRequest') : t('outcome.createAnother')}
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
  const { t } = useT('labels');
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
        {question.kind === 'label' ? t('duplicate.labelTitle') : t('duplicate.requestTitle')}
      </h2>
      {question.kind === 'label' ? (
        <dl className="status-list">
          <dt>{t('outcome.trackingNumber')}</dt>
          <dd data-testid="duplicate-tracking">{question.trackingNumber ?? t('outcome.notAssigned')}</dd>
          <dt>{t('outcome.recipient')}</dt>
          <dd>{question.recipientName}</dd>
          <dt>{t('outcome.order')}</dt>
          <dd>{question.orderNumber ?? '—'}</dd>
          <dt>{t('duplicate.created')}</dt>
          <dd>{times.dateTime(question.createdAt)}</dd>
          <dt>{t('duplicate.label')}</dt>
          <dd>
            <code>{question.labelId}</code>
          </dd>
        </dl>
      ) : (
        <p>{t('duplicate.requestSent', { at: times.dateTime(question.createdAt) })}</p>
      )}
      <p className="hint">{t('duplicate.hint')}</p>
      <ErrorMessage>{resolve.error?.message}</ErrorMessage>
      <div className="actions">
        {question.kind === 'label' ? (
          <PrintButton labelIds={[question.labelId]} label={t('duplicate.reprint')} />
        ) : (
          <button type="button" className="primary" onClick={() => void resolve.run(question.idempotencyKey)} disabled={resolve.pending}>
            {resolve.pending ? t('outcome.checking') : t('outcome.checkAgain')}
          </button>
        )}
        <button type="button" className="danger" onClick={() => onBuyAnother(existing)} disabled={busy}>
          {t('duplicate.buyAnother')}
        </button>
        <button type="button" onClick={onCancel}>
          <WithKeys text={t('keys.cancel')} />
        </button>
      </div>
    </section>
  );
}
