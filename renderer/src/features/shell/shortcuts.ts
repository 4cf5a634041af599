import { useEffect, useRef } from 'react';
import { COMMAND_TITLES } from '../../../../shared/domain/scan';
import { STATION_COMMAND_KEYS } from '../scan/keys';

/**
 * Keyboard shortcuts: one list, read both by the key handler (useGlobalShortcuts) and by the
 * help overlay (ShortcutsHelp), so what the overlay says is what the keys do.
 */

export type View = 'label' | 'batch' | 'history' | 'station' | 'status' | 'settings';

export interface Screen {
  view: View;
  /** The name on the nav button. */
  name: string;
  /** The digit pressed with Alt (matched by physical key as well, so it works on AZERTY too). */
  digit: string;
}

/** The screens, in nav order. Alt+digit goes to each (Alt+digit types nothing in a text field). */
export const screens: readonly Screen[] = [
  { view: 'label', name: 'New label', digit: '1' },
  { view: 'batch', name: 'Batch', digit: '2' },
  { view: 'history', name: 'History', digit: '3' },
  { view: 'station', name: 'Station mode', digit: '4' },
  { view: 'status', name: 'Status', digit: '5' },
  { view: 'settings', name: 'Settings', digit: '6' },
];

export const shortcutFor = (view: View) => `Alt+${screens.find((s) => s.view === view)!.digit}`;

export interface ShortcutEntry {
  /** Each alternative is a list of keys pressed together, e.g. [['F1'], ['?']]. */
  keys: string[][];
  description: string;
}
export interface ShortcutSection {
  title: string;
  entries: ShortcutEntry[];
}

const HELP_KEYS: string[][] = [['F1'], ['?']];

/** Everything the overlay lists, by section. */
export const shortcutSections: readonly ShortcutSection[] = [
  {
    title: 'Everywhere',
    entries: [
      ...screens.map((s) => ({ keys: [['Alt', s.digit]], description: `Go to ${s.name}` })),
      { keys: HELP_KEYS, description: 'Show these keyboard shortcuts (? only outside text fields)' },
      { keys: [['Esc']], description: 'Close this overlay' },
    ],
  },
  {
    title: 'New label',
    entries: [
      { keys: [['Enter'], ['Ctrl', 'Enter']], description: 'Create the label' },
      { keys: [['Alt', 'N']], description: 'Start a new, empty label' },
    ],
  },
  {
    title: 'Station mode',
    entries: [
      { keys: [['Enter']], description: 'Send the scan; in the empty weight field, confirm the weight the station asked about' },
      ...Object.entries(STATION_COMMAND_KEYS).map(([key, command]) => ({ keys: [[key]], description: COMMAND_TITLES[command] })),
      { keys: [['Esc']], description: 'Cancel the order waiting for a weight, or clear the input' },
      { keys: [['F1']], description: 'Show these keyboard shortcuts' },
    ],
  },
  {
    title: 'Forms and lists',
    entries: [
      { keys: [['Tab'], ['Shift', 'Tab']], description: 'Move to the next or previous field or button' },
      { keys: [['Enter']], description: 'Submit the form, or press the focused button' },
      { keys: [['Space']], description: 'Tick or untick a checkbox, press the focused button' },
      { keys: [['↑'], ['↓']], description: 'Change the choice in a list (or type its first letters)' },
      { keys: [['←'], ['→']], description: 'Move between the tabs in Settings' },
    ],
  },
];

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
