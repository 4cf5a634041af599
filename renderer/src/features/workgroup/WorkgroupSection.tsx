import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  WORKGROUP_TLS_MODES,
  type WorkgroupConnection,
  type WorkgroupTestResult,
  type WorkgroupTlsMode,
  type WorkgroupView,
} from '../../../../shared/domain/workgroup';
import type { ProgressEvent } from '../../../../shared/ipc/contract';
import { MOVE_IN_TASK } from '../../../../shared/ipc/progress-tasks';
import type { IpcError } from '../../../../shared/ipc/result';
import { useFormats, useTimes } from '../../app-state';
import { ErrorMessage, SelectField, SuccessMessage, TextField } from '../../components/ui';
import { useAction, useQuery } from '../../data/hooks';
import { messageText, useT } from '../../i18n';
import { station } from '../../station';
import { useWorkgroupStatus, workgroupKeys } from './use-workgroup';
import './workgroup.css';

/** PostgreSQL's own port: what a new workgroup starts with. */
const DEFAULT_PORT = '5432';

interface Draft {
  host: string;
  port: string;
  database: string;
  user: string;
  tlsMode: WorkgroupTlsMode;
  caFile: string | null;
  stationName: string;
  password: string;
}

const draftOf = (view: WorkgroupView): Draft => {
  const s = view.settings;
  return {
    host: s?.host ?? '',
    port: s ? String(s.port) : DEFAULT_PORT,
    database: s?.database ?? '',
    user: s?.user ?? '',
    tlsMode: s?.tlsMode ?? 'verify-full',
    caFile: s?.caFile ?? null,
    stationName: s?.stationName ?? '',
    password: '',
  };
};

/** Settings → Workgroup: where the shared database is, Test connection, Save, Leave workgroup. */
export function WorkgroupSection() {
  const { t } = useT('workgroup');
  const view = useQuery(workgroupKeys.view, () => station().workgroup.get(), { refetchOnMount: true });
  if (!view.data) return view.error ? <ErrorMessage>{view.error.message}</ErrorMessage> : <p role="status">{t('status.connecting')}</p>;
  return <WorkgroupForm view={view.data} />;
}

/** Between two sentences: a space in English, none in Japanese and Chinese. */
const sentenceGap = (language: string) => (language === 'en' ? ' ' : '');

function WorkgroupForm({ view }: { view: WorkgroupView }) {
  const { t, language } = useT('workgroup');
  const headingId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const [tested, setTested] = useState<WorkgroupTestResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Whether the operator changed a field since the form last showed the saved settings.
  const [edited, setEdited] = useState(false);
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setEdited(true);
    setTested(null);
    setMessage(null);
  };
  // The saved settings read again (the tab opened on what was kept before the station joined
  // some other way, say): an untouched form shows them; what the operator typed is kept.
  const saved = JSON.stringify(view.settings);
  useEffect(() => {
    if (!edited) setDraft((d) => ({ ...draftOf(view), password: d.password }));
    // Only a change of the saved settings (not of the operator's own edits) refills the form.
  }, [saved]);

  const connection = (): WorkgroupConnection => ({
    host: draft.host,
    port: draft.port.trim() === '' ? Number.NaN : Number(draft.port),
    database: draft.database,
    user: draft.user,
    tlsMode: draft.tlsMode,
    caFile: draft.tlsMode === 'verify-full' ? draft.caFile : null,
  });
  const password = draft.password === '' ? {} : { password: draft.password };

  const test = useAction(() => station().workgroup.test({ connection: connection(), ...password }), {
    onSuccess: (result) => {
      setMessage(null);
      setTested(result);
    },
    onError: () => setTested(null),
  });
  const save = useAction(() => station().workgroup.save({ settings: { ...connection(), stationName: draft.stationName }, ...password }), {
    sets: workgroupKeys.view,
    invalidates: [workgroupKeys.status],
    onSuccess: () => {
      setDraft((d) => ({ ...d, password: '' }));
      setEdited(false);
      setMessage(t('result.saved'));
    },
  });
  const leave = useAction(() => station().workgroup.leave(), {
    sets: workgroupKeys.view,
    invalidates: [workgroupKeys.status],
    onSuccess: (next) => {
      setDraft(draftOf(next));
      setEdited(false);
      setTested(null);
      setMessage(t('result.left'));
    },
  });
  const chooseCa = useAction(() => station().workgroup.chooseCaFile(), {
    onSuccess: ({ path }) => path && set({ caFile: path }),
  });

  // The last answer's field messages (a test or a save), under the field they are about.
  const last: IpcError | null = save.error ?? test.error;
  const errors = fieldErrors(last);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    test.clearError();
    void save.run();
  };
  const pending = test.pending || save.pending || leave.pending;

  return (
    <section className="card workgroup-form" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('form.heading')}</h2>
      <p className="hint">{t('intro')}</p>
      <WorkgroupStatusLine />
      <form className="stack" onSubmit={submit} aria-labelledby={headingId}>
        <div className="grid-2">
          <TextField
            label={t('form.host')}
            value={draft.host}
            onChange={(e) => set({ host: e.target.value })}
            error={errors.host}
            required
          />
          <TextField
            label={t('form.port')}
            value={draft.port}
            inputMode="numeric"
            onChange={(e) => set({ port: e.target.value })}
            error={errors.port}
            required
          />
          <TextField
            label={t('form.database')}
            value={draft.database}
            onChange={(e) => set({ database: e.target.value })}
            error={errors.database}
            required
          />
          <TextField
            label={t('form.user')}
            value={draft.user}
            onChange={(e) => set({ user: e.target.value })}
            error={errors.user}
            required
          />
          <TextField
            label={t('form.password')}
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(e) => set({ password: e.target.value })}
            error={errors.password}
            hint={view.passwordSaved ? t('form.passwordSaved') : t('form.passwordNone')}
          />
          <TextField
            label={t('form.stationName')}
            value={draft.stationName}
            onChange={(e) => set({ stationName: e.target.value })}
            error={errors.stationName}
            hint={t('form.stationNameHint')}
            required
          />
          <SelectField
            label={t('form.tlsMode')}
            value={draft.tlsMode}
            onChange={(e) => set({ tlsMode: e.target.value as WorkgroupTlsMode })}
          >
            {WORKGROUP_TLS_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`form.tls.${mode}`)}
              </option>
            ))}
          </SelectField>
          {draft.tlsMode === 'verify-full' && (
            <div className="field">
              <span className="label-row workgroup-ca-label">{t('form.caFile')}</span>
              <div className="workgroup-ca">
                {draft.caFile ? (
                  <code data-testid="workgroup-ca-file">{draft.caFile}</code>
                ) : (
                  <span className="hint">{t('form.caFileNone')}</span>
                )}
                <button type="button" onClick={() => void chooseCa.run()}>
                  {t('form.chooseCaFile')}
                </button>
                {draft.caFile && (
                  <button type="button" onClick={() => set({ caFile: null })}>
                    {t('form.clearCaFile')}
                  </button>
                )}
              </div>
            </div>
          )}
        </div>
        {tested && (
          <SuccessMessage>
            {t('result.connected', { version: tested.serverVersion })}
            {sentenceGap(language)}
            {tested.certificateVerified ? t('result.tlsVerified') : tested.tls ? t('result.tlsOn') : t('result.tlsOff')}
          </SuccessMessage>
        )}
        <SuccessMessage>{message}</SuccessMessage>
        <MoveInProgress />
        <ErrorMessage>{(last ?? leave.error ?? chooseCa.error)?.message}</ErrorMessage>
        <div className="actions">
          <button type="button" onClick={() => (save.clearError(), void test.run())} disabled={pending}>
            {test.pending ? t('form.testing') : t('form.test')}
          </button>
          <button type="submit" className="primary" disabled={pending}>
            {t('form.save')}
          </button>
          {view.settings && (
            <button type="button" className="danger" onClick={() => void leave.run()} disabled={pending}>
              {t('form.leave')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

const FIELDS = ['host', 'port', 'database', 'user', 'password', 'stationName'] as const;

/** A test's or a save's field messages (`connection.port`, `settings.host`, `password`), by field. */
function fieldErrors(error: IpcError | null): Record<(typeof FIELDS)[number], string | null> {
  const fields = error?.fields ?? {};
  const one = (name: string) => {
    const text = fields[`connection.${name}`] ?? fields[`settings.${name}`] ?? fields[name];
    return text ? messageText(text) : null;
  };
  return Object.fromEntries(FIELDS.map((name) => [name, one(name)])) as Record<(typeof FIELDS)[number], string | null>;
}

/** "Connected to the workgroup database since 10:42", or why it cannot be reached. */
function WorkgroupStatusLine() {
  const { t, language } = useT('workgroup');
  const times = useTimes();
  const status = useWorkgroupStatus();
  if (!status) return null;
  const since = status.since ? times.dateTime(status.since) : '';
  return (
    <p className={`workgroup-status ${status.state}`} role="status" data-testid="workgroup-status">
      {status.state === 'off' && t('status.off')}
      {status.state === 'connecting' && t('status.connecting')}
      {status.state === 'connected' && t('status.connected', { time: since })}
      {status.state === 'unreachable' && (
        <>
          {t('status.unreachable', { time: since })}
          {sentenceGap(language)}
          {status.reason}
        </>
      )}
    </p>
  );
}

/** Moving this station's own history into the workgroup it joined: "copied X of Y labels", then done or paused (main's sentence). */
function MoveInProgress() {
  const { t } = useT('workgroup');
  const formats = useFormats();
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(() => station().on('progress', (p) => p.task === MOVE_IN_TASK && setProgress(p)), []);
  if (!progress) return null;
  return (
    <div className="progress workgroup-move-in" role="status" aria-live="polite" data-testid="workgroup-move-in">
      {progress.message ?? (
        <>
          <progress max={progress.total || 1} value={progress.done} aria-label={t('moveIn.progressLabel')} />{' '}
          {t('moveIn.copying', { done: formats.count(progress.done), total: formats.count(progress.total) })}
          <p className="hint">{t('moveIn.meanwhile')}</p>
        </>
      )}
    </div>
  );
}
