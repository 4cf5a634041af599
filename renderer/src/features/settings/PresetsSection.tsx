import { useState, type FormEvent } from 'react';
import { parseDecimal } from '../../../../shared/domain/numbers';
import { unitLabels } from '../../../../shared/domain/settings';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { ErrorMessage, TextField, SaveCancel } from '../../components/ui';
import { useSettingsChange } from '../../data/queries';
import { useFormats } from '../../app-state';
import { useT } from '../../i18n';
import { station } from '../../station';

interface PresetDraft {
  id?: string;
  name: string;
  weight: string;
  length: string;
  width: string;
  height: string;
}
const FIELDS = ['name', 'weight', 'length', 'width', 'height'] as const;
const empty: PresetDraft = { name: '', weight: '', length: '', width: '', height: '' };

/** Boxes and envelopes used every day: their dimensions (and usual weight) fill the parcel in one pick. */
export function PresetsSection({ settings }: { settings: SettingsView }) {
  const { packagePresets, defaults } = settings;
  const units = unitLabels(defaults.units);
  const { t } = useT('settings');
  const formats = useFormats();
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
  const field = Object.fromEntries(FIELDS.map((key) => [key, { value: editing?.[key] ?? '', onChange: set(key) }])) as Record<
    (typeof FIELDS)[number],
    { value: string; onChange: ReturnType<typeof set> }
  >;

  return (
    <div className="card stack">
      <h2>{t('presets.heading')}</h2>
      {packagePresets.length === 0 && !editing && <p className="hint">{t('presets.none')}</p>}
      <ul className="plain-list">
        {packagePresets.map((p) => (
          <li key={p.id} className="list-row">
            <div>
              <strong>{p.name}</strong>
              <div className="muted">
                {p.dimension
                  ? `${[p.dimension.length, p.dimension.width, p.dimension.height].map((n) => formats.decimal(n)).join(' × ')} ${units.dimension}`
                  : t('presets.noDimensions')}
                {p.weight !== undefined ? `, ${formats.weight(p.weight, units.weight)}` : ''}
              </div>
            </div>
            <div className="row-actions">
              <button
                type="button"
                aria-label={t('presets.editFor', { name: p.name })}
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
                {t('presets.edit')}
              </button>
              <button
                type="button"
                aria-label={t('presets.removeFor', { name: p.name })}
                onClick={() => void change.run(() => station().presets.remove({ id: p.id }))}
              >
                {t('presets.remove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing ? (
        <form onSubmit={(e) => void save(e)} aria-label={t('presets.form')} className="stack">
          <div className="grid-4">
            <TextField label={t('presets.name')} {...field.name} error={error?.fields?.name} required autoFocus />
            <TextField
              label={t('presets.weight', { unit: units.weight })}
              inputMode="decimal"
              {...field.weight}
              error={error?.fields?.weight}
            />
          </div>
          <div className="grid-4">
            <TextField
              label={t('presets.length', { unit: units.dimension })}
              inputMode="decimal"
              {...field.length}
              error={error?.fields?.['dimension.length']}
            />
            <TextField
              label={t('presets.width', { unit: units.dimension })}
              inputMode="decimal"
              {...field.width}
              error={error?.fields?.['dimension.width']}
            />
            <TextField
              label={t('presets.height', { unit: units.dimension })}
              inputMode="decimal"
              {...field.height}
              error={error?.fields?.['dimension.height']}
            />
          </div>
          {error && !error.fields && <ErrorMessage>{error.message}</ErrorMessage>}
          <SaveCancel saveLabel={t('presets.save')} onCancel={() => (setEditing(null), change.clearError())} />
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setEditing(empty)}>
            {t('presets.add')}
          </button>
        </div>
      )}
    </div>
  );
}
