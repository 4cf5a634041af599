import { useState, type FormEvent } from 'react';
import { parseDecimal } from '../../../../shared/domain/numbers';
import { unitLabels } from '../../../../shared/domain/settings';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { ErrorMessage, TextField, SaveCancel } from '../../components/ui';
import { useSettingsChange } from '../../data/queries';
import { station } from '../../station';

interface PresetDraft {
  id?: string;
  name: string;
  weight: string;
  length: string;
  width: string;
  height: string;
}
const empty: PresetDraft = { name: '', weight: '', length: '', width: '', height: '' };

/** Boxes and envelopes used every day: their dimensions (and usual weight) fill the parcel in one pick. */
export function PresetsSection({ settings }: { settings: SettingsView }) {
  const { packagePresets, defaults } = settings;
  const units = unitLabels(defaults.units);
  const [editing, setEditing] = useState<PresetDraft | null>(null);
  const change = useSettingsChange();
  const { error } = change;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const [length, width, height] = [parseDecimal(editing.length), parseDecimal(editing.width), parseDecimal(editing.height)];
    const dimension = length === undefined && width === undefined && height === undefined ? undefined : { length, width, height };
    const saved = await change.run(() =>
      station().presets.save({
        id: editing.id,
        name: editing.name,
        weight: parseDecimal(editing.weight),
        dimension: dimension as { length: number; width: number; height: number } | undefined,
      }),
    );
    if (saved.ok) setEditing(null);
  };
  const set = (key: keyof PresetDraft) => (e: { target: { value: string } }) =>
    editing && setEditing({ ...editing, [key]: e.target.value });

  return (
    <div className="card stack">
      <h2>Package presets</h2>
      {packagePresets.length === 0 && !editing && <p className="hint">No package presets yet. Add the boxes you use most.</p>}
      <ul className="plain-list">
        {packagePresets.map((p) => (
          <li key={p.id} className="list-row">
            <div>
              <strong>{p.name}</strong>
              <div className="muted">
                {p.dimension ? `${p.dimension.length} × ${p.dimension.width} × ${p.dimension.height} ${units.dimension}` : 'No dimensions'}
                {p.weight !== undefined ? `, ${p.weight} ${units.weight}` : ''}
              </div>
            </div>
            <div className="row-actions">
              <button
                type="button"
                aria-label={`Edit ${p.name}`}
                onClick={() =>
                  setEditing({
                    id: p.id,
                    name: p.name,
                    weight: p.weight?.toString() ?? '',
                    length: p.dimension?.length.toString() ?? '',
                    width: p.dimension?.width.toString() ?? '',
                    height: p.dimension?.height.toString() ?? '',
                  })
                }
              >
                Edit
              </button>
              <button
                type="button"
                aria-label={`Remove ${p.name}`}
                onClick={() => void change.run(() => station().presets.remove({ id: p.id }))}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing ? (
        <form onSubmit={(e) => void save(e)} aria-label="Package preset" className="stack">
          <div className="grid-4">
            <TextField label="Package name" value={editing.name} onChange={set('name')} error={error?.fields?.name} required autoFocus />
            <TextField
              label={`Usual weight (${units.weight})`}
              inputMode="decimal"
              value={editing.weight}
              onChange={set('weight')}
              error={error?.fields?.weight}
            />
          </div>
          <div className="grid-4">
            <TextField
              label={`Length (${units.dimension})`}
              inputMode="decimal"
              value={editing.length}
              onChange={set('length')}
              error={error?.fields?.['dimension.length']}
            />
            <TextField
              label={`Width (${units.dimension})`}
              inputMode="decimal"
              value={editing.width}
              onChange={set('width')}
              error={error?.fields?.['dimension.width']}
            />
            <TextField
              label={`Height (${units.dimension})`}
              inputMode="decimal"
              value={editing.height}
              onChange={set('height')}
              error={error?.fields?.['dimension.height']}
            />
          </div>
          {error && !error.fields && <ErrorMessage>{error.message}</ErrorMessage>}
          <SaveCancel saveLabel="Save package" onCancel={() => (setEditing(null), change.clearError())} />
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setEditing(empty)}>
            Add package preset
          </button>
        </div>
      )}
    </div>
  );
}
