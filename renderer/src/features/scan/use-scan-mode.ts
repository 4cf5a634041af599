import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { commandOf, FAILURE_STATUSES, type ScanResult, type ScanCommand, type ScanSession } from '../../../../shared/domain/scan';
import { useAction, useQuery, useQueryCache } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { isEditable } from '../shell/shortcuts';
import { STATION_COMMAND_KEYS } from './keys';
import { playTone } from './sounds';

/** Text a scale types (digits, one separator, maybe a unit): anything else in the weight field is a scan. */
export const looksLikeWeight = (text: string) => /^\s*\d+([.,]\d+)?\s*(kg|lb|lbs|g)?\s*$/i.test(text);

export const toneOf = (status: ScanResult['status']) =>
  FAILURE_STATUSES.has(status)
    ? 'failure'
    : status === 'printed'
      ? 'success'
      : status === 'reprinted'
        ? 'reprint'
        : status === 'needs_weight' || status === 'check_weight'
          ? 'waiting'
          : status === 'held_elsewhere'
            ? 'held'
            : 'info';

type Answer = { result: ScanResult; session: ScanSession };

/**
 * The state of station mode: the session main keeps (counters, last scans, the order waiting
 * for a weight, the printer), the two inputs, the last answer, and what the keys do. One input
 * always has the focus (the scan input, or the weight input while an order waits for its
 * weight), and keys typed anywhere else are brought back to it, so a scan is never lost.
 * Scans go to main one by one; the field is free for the next scan at once.
 */
export function useScanMode(onLeave: () => void) {
  const cache = useQueryCache();
  // Transient: a new visit to station mode reads the session anew.
  const sessionAnswer = useQuery(queryKeys.scanSession, () => station().scan.session(), { transient: true });
  const session = sessionAnswer.data ?? null;
  const setSession = (next: ScanSession) => cache.set(queryKeys.scanSession, next);
  const [scan, setScan] = useState('');
  const [weight, setWeight] = useState('');
  const [last, setLast] = useState<ScanResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  // Load orders opens the shared import step (batch/ImportDialog.tsx); its imports are the ones scanned.
  const [importOpen, setImportOpen] = useState(false);
  const scanRef = useRef<HTMLInputElement>(null);
  const weightRef = useRef<HTMLInputElement>(null);
  const waiting = session?.pending ?? null;
  const activeRef = waiting ? weightRef : scanRef;

  const focusActive = useCallback(() => activeRef.current?.focus(), [activeRef]);
  useEffect(() => {
    if (!sheetOpen && !importOpen) focusActive();
  }, [focusActive, sheetOpen, importOpen, last]);

  /** Keys typed while focus is elsewhere (a button, the page) go to the active input: a scan is never lost. */
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (sheetOpen || importOpen || document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      if (isEditable(e.target) || e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1) return;
      e.preventDefault();
      if (waiting) setWeight((w) => w + e.key);
      else setScan((s) => s + e.key);
      focusActive();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [focusActive, sheetOpen, importOpen, waiting]);

  const show = (answer: Answer) => {
    setSession(answer.session);
    setLast(answer.result);
    if (answer.session.sounds) playTone(toneOf(answer.result.status));
    if (commandOf(answer.result.input) === 'leave') onLeave();
  };
  /** The scan main is working on: shown on the big card from the moment Enter is pressed. */
  const [working, setWorking] = useState<string | null>(null);
  const submit = useAction(
    (input: string, weightText?: string) => station().scan.submit({ input, ...(weightText ? { weight: weightText } : {}) }),
    {
      onSuccess: (answer) => {
        setError(null);
        setWorking((w) => (w === answer.result.input ? null : w));
        show(answer);
      },
      onError: (e) => {
        setWorking(null);
        setError(e.message);
      },
    },
  );
  const commandAction = useAction((which: ScanCommand) => station().scan.command({ command: which }), {
    onSuccess: show,
    onError: (e) => setError(e.message),
  });
  const command = (which: ScanCommand) => void commandAction.run(which);
  const send = (input: string, weightText?: string) => {
    // A command barcode is not an order to work on.
    if (!commandOf(input)) setWorking(input);
    void submit.run(input, weightText);
  };

  /** Station keys (F2, F4, F10, Esc) work from any control of the screen. */
  const onScreenKey = (e: ReactKeyboardEvent) => {
    if (sheetOpen) return;
    const which = (STATION_COMMAND_KEYS as Record<string, ScanCommand>)[e.key];
    if (which) {
      e.preventDefault();
      command(which);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (waiting) command('cancel');
      else setScan('');
      setWeight('');
    }
  };

  const submitScan = () => {
    const text = scan.trim();
    if (!text) return;
    // The field is free for the next scan at once; main handles scans one by one, in order.
    setScan('');
    const w = weight.trim();
    setWeight('');
    send(text, w || undefined);
  };

  const submitWeight = () => {
    const text = weight.trim();
    // Enter with nothing typed confirms the implausible weight the station asked about.
    if (!text) return waiting?.confirm ? send(waiting.orderNumber) : undefined;
    setWeight('');
    // The same order scanned again confirms its weight (even an order number that looks like one).
    if (waiting && text.toLowerCase() === waiting.orderNumber.toLowerCase()) send(waiting.orderNumber);
    // A barcode scanned while the station waits for a weight is the next scan, not a weight.
    else if (!waiting || !looksLikeWeight(text)) send(text);
    else send(waiting.orderNumber, text);
  };

  const closeImport = () => {
    setImportOpen(false);
    void sessionAnswer.reload();
    setTimeout(focusActive, 0);
  };

  const saveSounds = useAction((on: boolean) => station().settings.setPreferences({ stationSounds: on }), {
    sets: queryKeys.settings,
    onError: (e) => setError(e.message),
  });
  const toggleSounds = async (on: boolean) => {
    if (session) setSession({ ...session, sounds: on });
    await saveSounds.run(on);
    await sessionAnswer.reload();
  };

  const resetSession = useAction(() => station().scan.reset(), {
    onSuccess: (next) => {
      setSession(next);
      setLast(null);
    },
  });

  return {
    session,
    scan,
    setScan,
    weight,
    setWeight,
    last,
    /** What went wrong last (or why the session could not be read); cleared by the next scan that works. */
    error: error ?? (session ? null : (sessionAnswer.error?.message ?? null)),
    busy: submit.pending || commandAction.pending,
    working: submit.pending ? working : null,
    waiting,
    sheetOpen,
    setSheetOpen,
    scanRef,
    weightRef,
    focusActive,
    onScreenKey,
    submitScan,
    submitWeight,
    command,
    importOpen,
    openImport: () => setImportOpen(true),
    closeImport,
    toggleSounds,
    reset: () => void resetSession.run(),
  };
}
export type ScanModeState = ReturnType<typeof useScanMode>;
