import { useEffect, useRef } from 'react';
import type { TKey, TValues } from '../../../../shared/i18n/translate';
import { translateNow } from '../../i18n';
import { STATION_COMMAND_KEYS } from '../scan/keys';

/**
 * Keyboard shortcuts: one list, read both by the key handler (useGlobalShortcuts) and by the
 * help overlay (ShortcutsHelp), so what the overlay says is what the keys do.
 */

export type View = 'today' | 'label' | 'batch' | 'history' | 'station' | 'status' | 'settings';

export interface Screen {
  view: View;
  /** The digit pressed with Alt (matched by physical key as well, so it works on AZERTY too). */
  digit: string;
}

/** The screens, in nav order (Today is the home screen). Alt+digit goes to each (Alt+digit types nothing in a text field). */
export const screens: readonly Screen[] = [
  { view: 'today', digit: '1' },
  { view: 'label', digit: '2' },
  { view: 'batch', digit: '3' },
  { view: 'history', digit: '4' },
  { view: 'station', digit: '5' },
  { view: 'status', digit: '6' },
  { view: 'settings', digit: '7' },
];

/** The name on a screen's nav button, in the screens' language. */
export const screenName = (view: View): string => translateNow('shell', `screens.${view}`);

export const shortcutFor = (view: View) => `Alt+${screens.find((s) => s.view === view)!.digit}`;

export interface ShortcutEntry {
  /** Each alternative is a list of keys pressed together, e.g. [['F1'], ['?']]. */
  keys: string[][];
  description: string;
}
export interface ShortcutSection {
  /** Stable, for ids. */
  id: string;
  title: string;
  entries: ShortcutEntry[];
}

const HELP_KEYS: string[][] = [['F1'], ['?']];

/** Everything the overlay lists, by section, in the screens' language. */
export function shortcutSections(): ShortcutSection[] {
  const t = (key: TKey<'shell'>, values?: TValues) => translateNow('shell', key, values);
  return [
    {
      id: 'everywhere',
      title: t('shortcuts.sections.everywhere'),
      entries: [
        ...screens.map((s) => ({ keys: [['Alt', s.digit]], description: t('shortcuts.goTo', { screen: screenName(s.view) }) })),
        { keys: HELP_KEYS, description: t('shortcuts.help') },
        { keys: [['Esc']], description: t('shortcuts.closeOverlay') },
      ],
    },
    {
      id: 'new-label',
      title: screenName('label'),
      entries: [
        { keys: [['Enter'], ['Ctrl', 'Enter']], description: t('shortcuts.create') },
        { keys: [['Alt', 'N']], description: t('shortcuts.newLabel') },
      ],
    },
    {
      id: 'station-mode',
      title: screenName('station'),
      entries: [
        { keys: [['Enter']], description: t('shortcuts.sendScan') },
        ...Object.entries(STATION_COMMAND_KEYS).map(([key, command]) => ({
          keys: [[key]],
          description: translateNow('scan', `commands.${command}`),
        })),
        { keys: [['Esc']], description: t('shortcuts.cancelScan') },
        { keys: [['F1']], description: t('shortcuts.helpStation') },
      ],
    },
    {
      id: 'forms',
      title: t('shortcuts.sections.forms'),
      entries: [
        { keys: [['Tab'], ['Shift', 'Tab']], description: t('shortcuts.tab') },
        { keys: [['Enter']], description: t('shortcuts.enter') },
        { keys: [['Space']], description: t('shortcuts.space') },
        { keys: [['↑'], ['↓']], description: t('shortcuts.arrowsList') },
        { keys: [['←'], ['→']], description: t('shortcuts.arrowsTabs') },
      ],
    },
  ];
}

/** The DOM event that opens the help overlay; `openShortcutsHelp()` sends it. */
export const HELP_EVENT = 'ffs:help';

/** Opens the keyboard shortcuts overlay from anywhere (e.g. the station screen). Safe to call when it is open. */
export function openShortcutsHelp(): void {
  window.dispatchEvent(new CustomEvent(HELP_EVENT));
}

/** True for fields where "?" is text, not a shortcut. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color', 'image'].includes(target.type);
  return false;
}

/** The screen an Alt+digit press asks for, or null. */
export function screenForKey(event: KeyboardEvent): View | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const screen = screens.find((s) => event.code === `Digit${s.digit}` || event.code === `Numpad${s.digit}` || event.key === s.digit);
  return screen?.view ?? null;
}

export function isHelpKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  if (event.key === 'F1') return true;
  return event.key === '?' && !isEditable(event.target);
}

/**
 * The app-wide keys: Alt+digit goes to a screen (only when `navigation` is on: not on the
 * first-start screen), F1 or "?" opens the help overlay (always).
 */
export function useGlobalShortcuts({
  navigation,
  onNavigate,
  onHelp,
}: {
  navigation: boolean;
  onNavigate: (view: View) => void;
  onHelp: () => void;
}): void {
  const latest = useRef({ navigation, onNavigate, onHelp });
  latest.current = { navigation, onNavigate, onHelp };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const { navigation, onNavigate, onHelp } = latest.current;
      if (isHelpKey(event)) {
        event.preventDefault();
        onHelp();
        return;
      }
      const view = navigation ? screenForKey(event) : null;
      if (view) {
        event.preventDefault();
        onNavigate(view);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
