import { useCallback, useEffect, useRef, useState } from 'react';
import type { CreateOutcome, UnresolvedRequest } from '../../../../shared/domain/label-draft';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { ErrorMessage } from '../../components/ui';
import { station } from '../../station';
import { OutcomePanel } from './OutcomePanel';
import { ShipmentForm } from './ShipmentForm';

/** The station's main job: fill in a shipment, create its label exactly once, see and act on the result. */
export function NewLabelScreen({ onTrack }: { onTrack: (labelId: string) => void }) {
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<CreateOutcome | null>(null);
  const [unresolved, setUnresolved] = useState<UnresolvedRequest[]>([]);
  const [reset, setReset] = useState(0);
  const submitRef = useRef<((another: boolean) => void) | null>(null);

  const loadUnresolved = useCallback(async () => {
    const r = await station().labels.unresolved();
    if (r.ok) setUnresolved(r.value);
  }, []);
  useEffect(() => {
    void station()
      .settings.get()
      .then((r) => (r.ok ? setSettings(r.value) : setError(r.error.message)));
    void loadUnresolved();
  }, [loadUnresolved]);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && (e.key === 'n' || e.key === 'N')) {
        e.preventDefault();
        setOutcome(null);
        setReset((n) => n + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const show = (o: CreateOutcome) => {
    setOutcome(o);
    void loadUnresolved();
  };

  if (error) return <ErrorMessage>{error}</ErrorMessage>;
  if (!settings) return <p role="status">Loading…</p>;
  return (
    <div className="new-label">
      <div className="new-label-head">
        <h1>New label</h1>
        <button
          type="button"
          onClick={() => {
            setOutcome(null);
            setReset((n) => n + 1);
          }}
        >
          New label <kbd>Alt</kbd>+<kbd>N</kbd>
        </button>
      </div>
      {unresolved.length > 0 && (
        <div className="notice-box" role="status">
          {unresolved.length === 1 ? '1 label request is' : `${unresolved.length} label requests are`} not confirmed yet (
          {unresolved.map((u) => u.orderNumber ?? u.idempotencyKey).join(', ')}). The station resends each with the same request, so none can be bought twice.{' '}
          <button
            type="button"
            onClick={() =>
              void Promise.all(unresolved.map((u) => station().labels.resolve({ idempotencyKey: u.idempotencyKey }))).then(() => loadUnresolved())
            }
          >
            Check again now
          </button>
        </div>
      )}
      <div className="new-label-layout">
        <ShipmentForm settings={settings} onOutcome={show} resetSignal={reset} submitRef={submitRef} />
        <aside className="outcome-column" aria-live="polite">
          {outcome ? (
            <OutcomePanel outcome={outcome} onOutcome={show} onCreateAnother={() => submitRef.current?.(true)} onTrack={onTrack} />
          ) : (
            <div className="card hint">The label appears here once it is created.</div>
          )}
        </aside>
      </div>
    </div>
  );
}
