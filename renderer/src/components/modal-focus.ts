import type { KeyboardEvent } from 'react';

/** What Tab can reach inside a modal dialog. */
const FOCUSABLE =
  'select:not(:disabled), button:not(:disabled), input:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside a modal dialog: Tab on its last control goes to the first, Shift+Tab on the
 * first to the last. Call it from the dialog's onKeyDown; other keys are left alone.
 */
export function keepTabInside(e: KeyboardEvent, dialog: HTMLElement | null) {
  if (e.key !== 'Tab' || !dialog) return;
  const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last?.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first?.focus();
  }
}
