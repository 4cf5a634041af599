import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { HandoverPaper, HandoverQuery } from '../../../../shared/domain/handover';
import { keepTabInside } from '../../components/modal-focus';
import { PdfPage } from '../../components/PdfPage';
import { ErrorMessage, SelectField, SuccessMessage, TextField } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useAction, useQuery } from '../../data/hooks';
import { useT } from '../../i18n';
import { station } from '../../station';
import './handover.css';

/**
 * The courier hand-over sheet of a day: pick the day (today unless changed, any past day to
 * reprint) and the courier, see the first page, then Print (the documents printer) or Save as
 * PDF. A modal dialog: focus starts inside, Tab stays inside, Esc closes.
 */
export function HandoverDialog({ onClose }: { onClose: () => void }) {
  const { t } = useT('handover');
  const times = useTimes();
  // Today in the station's time zone: iso() writes the station's local date first.
  const [day, setDay] = useState(() => times.iso(Date.now()).slice(0, 10));
  const [courier, setCourier] = useState('');
  const [paper, setPaper] = useState<HandoverPaper | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const couriers = useQuery(validDay ? `handover/couriers/${day}` : null, () => station().handover.couriers({ day }), { transient: true });
  const list = couriers.data ?? [];
  const query: HandoverQuery = { day, ...(courier ? { courier } : {}), ...(paper ? { paper } : {}) };
  const hasParcels = list.length > 0;
  const sheet = useQuery(
    validDay && hasParcels ? `handover/sheet/${day}/${courier}/${paper}` : null,
    () => station().handover.sheet(query),
    { transient: true },
  );
  const print = useAction(() => station().handover.print(query), {
    onSuccess: (r) => setDone(t('dialog.printed', { printer: r.printer, paper: r.paper })),
    onError: (e) => setError(e.message),
  });
  const save = useAction(() => station().handover.save(query), {
    onSuccess: (r) => setDone(r.saved && r.path ? t('dialog.saved', { path: r.path }) : null),
    onError: (e) => setError(e.message),
  });

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('input, select, button')?.focus();
  }, []);
  useEffect(() => {
    // A courier the newly picked day does not have falls back to all couriers.
    if (courier && couriers.data && !couriers.data.some((c) => c.courier === courier)) setCourier('');
  }, [couriers.data, courier]);
  useEffect(() => {
    setError(sheet.error?.message ?? couriers.error?.message ?? null);
    setDone(null);
  }, [sheet.error, couriers.error, day, courier, paper]);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
    keepTabInside(e, dialogRef.current);
  };

  const pdf = sheet.data?.base64 ?? null;
  const ready = pdf !== null && !sheet.loading;
  return (
    <div className="handover-backdrop">
      <div
        ref={dialogRef}
        className="card handover-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="handover-title"
        onKeyDown={onKey}
      >
        <h2 id="handover-title">{t('dialog.title')}</h2>
        <p className="hint">{t('dialog.intro')}</p>
        <div className="handover-controls">
          <TextField
            label={t('dialog.day')}
            type="date"
            value={day}
            max={times.iso(Date.now()).slice(0, 10)}
            onChange={(e) => setDay(e.target.value)}
          />
          <SelectField label={t('dialog.courier')} value={courier} onChange={(e) => setCourier(e.target.value)} disabled={!hasParcels}>
            <option value="">{t('dialog.allCouriers')}</option>
            {list.map((c) => (
              <option key={c.courier} value={c.courier}>
                {t('dialog.courierOption', { courier: c.courier, count: c.parcels })}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('dialog.paper')} value={paper} onChange={(e) => setPaper(e.target.value as HandoverPaper | '')}>
            <option value="">{t('dialog.deskPaper')}</option>
            <option value="A4">{t('dialog.paperA4')}</option>
            <option value="Letter">{t('dialog.paperLetter')}</option>
          </SelectField>
          <button type="button" className="primary" disabled={!ready || print.pending} onClick={() => void print.run()}>
            {t('dialog.print')}
          </button>
          <button type="button" disabled={!ready || save.pending} onClick={() => void save.run()}>
            {t('dialog.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('dialog.close')}
          </button>
        </div>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        {done && <SuccessMessage>{done}</SuccessMessage>}
        {sheet.data && (
          <p className="hint" data-testid="handover-pages">
            {t('dialog.pages', { count: sheet.data.pages, parcels: sheet.data.parcels, paper: sheet.data.paper })}
          </p>
        )}
        <figure className="handover-preview">
          {couriers.data && !hasParcels ? (
            <p role="status">{t('dialog.noParcels')}</p>
          ) : pdf ? (
            <PdfPage base64={pdf} label={t('dialog.preview')} onError={setError} />
          ) : (
            <p role="status">{t('dialog.preparing')}</p>
          )}
        </figure>
      </div>
    </div>
  );
}
