import { useEffect, useRef, useState } from 'react';
import type { CreateOutcome } from '../../../../shared/domain/label-draft';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { ErrorMessage, WithKeys } from '../../components/ui';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useSettingsView } from '../../data/queries';
import { useT } from '../../i18n';
import { station } from '../../station';
import { formFromDraft } from './draft';
import { DuplicateQuestionPanel, OutcomePanel } from './OutcomePanel';
import { SaveSkuOffer } from './SaveSkuOffer';
import { ShipmentForm } from './ShipmentForm';
import { useShipmentForm, type DuplicateSource } from './use-shipment-form';

interface ScreenProps {
  onTrack: (labelId: string) => void;
  /** "Duplicate" in History: open with a new draft copied from this label's request. */
  duplicateFrom?: DuplicateSource | null;
  /** The copy was loaded (or could not be): History's request is done. */
  onDuplicateLoaded?: () => void;
}

/** The station's main job: fill in a shipment, create its label exactly once, see and act on the result. */
export function NewLabelScreen(props: ScreenProps) {
  const { t } = useT('labels');
  const { data: settings, error } = useSettingsView();
  if (!settings) return error ? <ErrorMessage>{error.message}</ErrorMessage> : <p role="status">{t('screen.loading')}</p>;
  return <NewLabel settings={settings} {...props} />;
}

function NewLabel({ settings, onTrack, duplicateFrom, onDuplicateLoaded }: ScreenProps & { settings: SettingsView }) {
  const { t } = useT('labels');
  const [outcome, setOutcome] = useState<CreateOutcome | null>(null);
  const form = useShipmentForm(settings, setOutcome);
  const [copyError, setCopyError] = useState<string | null>(null);
  // The latest render's form and callback: loading a copy happens once per request from History.
  const latest = useRef({ form, onDuplicateLoaded });
  latest.current = { form, onDuplicateLoaded };
  useEffect(() => {
    if (!duplicateFrom) return;
    let live = true;
    void station()
      .labels.draftOf({ id: duplicateFrom.labelId })
      .then((answer) => {
        if (!live) return;
        if (answer.ok) {
          setOutcome(null);
          setCopyError(null);
          latest.current.form.load(formFromDraft(answer.value, settings.senders), duplicateFrom);
        } else setCopyError(answer.error.message);
        latest.current.onDuplicateLoaded?.();
      });
    return () => {
      live = false;
    };
  }, [duplicateFrom, settings.senders]);
  // Batch runs and station mode create labels too: read again each time the screen opens.
  const unresolved = useQuery(queryKeys.unresolved, () => station().labels.unresolved(), { refetchOnMount: true }).data ?? [];
  const resolve = useAction((idempotencyKey: string) => station().labels.resolve({ idempotencyKey }), {
    invalidates: [queryKeys.unresolved],
  });

  const startNew = () => {
    setOutcome(null);
    setCopyError(null);
    form.reset();
  };
  const duplicate = () => {
    if (outcome?.kind !== 'created') return;
    setOutcome(null);
    form.duplicateCreated({ labelId: outcome.label.id, trackingNumber: outcome.label.trackingNumber });
  };
  // The latest render's startNew: the form's reset fills in the defaults as they are now.
  const startNewRef = useRef(startNew);
  startNewRef.current = startNew;
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && (e.key === 'n' || e.key === 'N')) {
        e.preventDefault();
        startNewRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="new-label">
      <div className="new-label-head">
        <h1>{t('screen.title')}</h1>
        <button type="button" onClick={startNew}>
          <WithKeys text={t('keys.newLabel')} />
        </button>
      </div>
      {unresolved.length > 0 && (
        <div className="notice-box" role="status">
          {t('screen.unresolved', {
            count: unresolved.length,
            requests: unresolved.map((u) => u.orderNumber ?? u.idempotencyKey).join(', '),
          })}{' '}
          <button type="button" onClick={() => void Promise.all(unresolved.map((u) => resolve.run(u.idempotencyKey)))}>
            {t('screen.checkAgainNow')}
          </button>
        </div>
      )}
      <ErrorMessage>{copyError}</ErrorMessage>
      <div className="new-label-layout">
        <ShipmentForm form={form} settings={settings} />
        <aside className="outcome-column" aria-live="polite">
          {form.duplicate ? (
            <DuplicateQuestionPanel
              question={form.duplicate}
              busy={form.busy}
              onBuyAnother={(existing) => void form.submit(undefined, false, existing)}
              onCancel={form.dismissDuplicate}
              onOutcome={(o) => {
                form.dismissDuplicate();
                setOutcome(o);
              }}
            />
          ) : outcome ? (
            <OutcomePanel
              outcome={outcome}
              onOutcome={setOutcome}
              onCreateAnother={() => void form.submit(undefined, true)}
              onTrack={onTrack}
              onNewLabel={startNew}
              onDuplicate={duplicate}
              created={<SaveSkuOffer values={form.values} />}
            />
          ) : (
            <div className="card hint">{t('screen.placeholder')}</div>
          )}
        </aside>
      </div>
    </div>
  );
}
