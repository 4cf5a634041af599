import { useId, useState, type KeyboardEvent } from 'react';
import { formatAddressLines } from '../../../../shared/domain/address-format';
import type { RecentRecipient } from '../../../../shared/domain/label-draft';
import type { Party } from '../../../../shared/flexforward/schemas';
import type { FirstNameFieldProps } from '../../components/PartyFields';
import { useQuery } from '../../data/hooks';
import { useT } from '../../i18n';
import { station } from '../../station';

/** Recent recipients are asked for from this many typed characters on. */
const MIN_CHARS = 2;

/** The address of an offer on one line, as its country writes it, with the country code. */
const addressLine = (p: Party) => [...formatAddressLines(p.address), p.address.countryCode].filter(Boolean).join(', ');

/**
 * The recipient's first (given) name, offering recent recipients as you type (an ARIA 1.2 combobox with
 * a listbox popup): ↓/↑ move through them, Enter chooses one (filling name and address), Esc
 * closes the list; with nothing chosen Enter still creates the label. Offers come from main
 * (labels:recentRecipients): this station's labels, newest first.
 */
export function RecipientNameField({ field, onChoose }: { field: FirstNameFieldProps; onChoose: (party: Party) => void }) {
  const { t } = useT('labels');
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const text = field.value.trim();
  const answer = useQuery(
    open && [...text].length >= MIN_CHARS ? `labels/recent-recipients/${text.toLowerCase()}` : null,
    () => station().labels.recentRecipients({ text }),
    { transient: true },
  );
  const options: RecentRecipient[] = open ? (answer.data ?? []) : [];
  const expanded = options.length > 0;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  const choose = (r: RecentRecipient) => {
    onChoose(r.party);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (!options.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + options.length) % options.length);
    } else if (e.key === 'Enter' && expanded && active >= 0 && options[active]) {
      // Choosing an offer, not creating the label.
      e.preventDefault();
      e.stopPropagation();
      choose(options[active]);
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="field combobox">
      <span className="label-row">
        <label htmlFor={id}>{field.label}</label>
        <span aria-hidden="true" className="required-mark">
          *
        </span>
      </span>
      <input
        id={id}
        name={field.name}
        value={field.value}
        autoComplete="off"
        role="combobox"
        aria-required
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={field.error ? `${id}-error` : undefined}
        onChange={(e) => {
          field.onChange(e);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={t('party.recentRecipients')} className="combobox-list" hidden={!expanded}>
        {options.map((r, i) => (
          <li
            key={`${r.name}|${addressLine(r.party)}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            // Keep the focus in the field: a click chooses without blurring it first.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(r)}
          >
            <strong>{r.name}</strong> <span className="hint">{addressLine(r.party)}</span>
          </li>
        ))}
      </ul>
      {field.error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {field.error}
        </small>
      )}
    </div>
  );
}
