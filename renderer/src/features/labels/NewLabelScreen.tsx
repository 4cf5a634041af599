import { useEffect, useRef, useState } from 'react';
import type { CreateOutcome } from '../../../../shared/domain/label-draft';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { ErrorMessage } from '../../components/ui';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useSettingsView } from '../../data/queries';
import { station } from '../../station';
import { OutcomePanel } from './OutcomePanel';
import { SaveSkuOffer } from './SaveSkuOffer';
import { ShipmentForm } from './ShipmentForm';
import { useShipmentForm } from './use-shipment-form';

/** The station's main job: fill in a shipment, create its label exactly once, see and act on the result. */
export function NewLabelScreen({ onTrack }: { onTrack: (labelId: string) => void }) {
  const { data: settings, error } = useSettingsView();
  if (!settings) return error ? <ErrorMessage>{error.message}</ErrorMessage> : <p role="status">Loading…</p>;
  return <NewLabel settings={settings} onTrack={onTrack} />;
}

function NewLabel({ settings, onTrack }: { settings: SettingsView; onTrack: (labelId: string) => void }) {
  const [outcome, setOutcome] = useState<CreateOutcome | null>(null);
  const form = useShipmentForm(settings, setOutcome);
  // Batch runs and station mode create labels too: read again each time the screen opens.
  const unresolved = useQuery(queryKeys.unresolved, () => station().labels.unresolved(), { refetchOnMount: true }).data ?? [];
  const resolve = useAction((idempotencyKey: string) => station().labels.resolve({ idempotencyKey }), {
    invalidates: [queryKeys.unresolved],
  });

  const startNew = () => {
    setOutcome(null);
    form.reset();
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
        <h1>New label</h1>
        <button type="button" onClick={startNew}>
          New label <kbd>Alt</kbd>+<kbd>N</kbd>
        </button>
      </div>
      {unresolved.length > 0 && (
        <div className="notice-box" role="status">
          {unresolved.length === 1 ? '1 label request is' : `${unresolved.length} label requests are`} not confirmed yet (
          {unresolved.map((u) => u.orderNumber ?? u.idempotencyKey).join(', ')}). The station resends each with the same request, so none
          can be bought twice.{' '}
          <button type="button" onClick={() => void Promise.all(unresolved.map((u) => resolve.run(u.idempotencyKey)))}>
            Check again now
          </button>
        </div>
      )}
      <div className="new-label-layout">
        <ShipmentForm form={form} settings={settings} />
        <aside className="outcome-column" aria-live="polite">
          {outcome ? (
            <OutcomePanel
              outcome={outcome}
              onOutcome={setOutcome}
              onCreateAnother={() => void form.submit(undefined, true)}
              onTrack={onTrack}
              created={<SaveSkuOffer values={form.values} />}
            />
          ) : (
            <div className="card hint">The label appears here once it is created.</div>
          )}
        </aside>
      </div>
    </div>
  );
}
