import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { View } from './shortcuts';

/**
 * Where focus lands when a screen opens: New label on its first field (the operator types
 * at once), station mode on whatever it focuses itself (else its first field), every other
 * screen on its heading. Keyboard users are never left on <body>.
 */
const targets: Record<View | 'onboarding', string[]> = {
  label: ['.shipment-form input, .shipment-form select'],
  station: ['[autofocus]', 'input:not([type="file"]):not([type="checkbox"]):not([type="radio"])', 'h1'],
  today: ['h1'],
  batch: ['h1'],
  history: ['h1'],
  status: ['h1'],
  settings: ['h1'],
  onboarding: ['h1'],
};

/** Focuses the screen's landing element inside `container`; false when it is not there (yet). */
export function focusScreen(container: HTMLElement | null, view: View | 'onboarding'): boolean {
  let target: HTMLElement | null = null;
  for (const selector of targets[view]) if ((target = container?.querySelector<HTMLElement>(selector) ?? null)) break;
  if (!target) return false;
  // Headings are not Tab stops: focusable by script only.
  if (!target.hasAttribute('tabindex') && target.tabIndex < 0) target.tabIndex = -1;
  target.focus();
  return true;
}

/**
 * Moves focus to the screen once it has rendered (screens load their data first), unless
 * something inside it took focus meanwhile: whenever `view` changes, and each time the returned
 * function is called (navigating to the screen already shown lands on it again).
 */
export function useScreenFocus(container: RefObject<HTMLElement | null>, view: View | 'onboarding'): () => void {
  const viewRef = useRef(view);
  viewRef.current = view;
  const cancel = useRef(() => undefined as void);
  const start = useCallback(() => {
    cancel.current();
    const before = document.activeElement;
    const started = performance.now();
    let frame = 0;
    const tick = () => {
      const el = container.current;
      const active = document.activeElement;
      // The screen focused something itself (autofocus), or the operator already moved on.
      if (el && active && active !== before && active !== document.body && el.contains(active)) return;
      if (focusScreen(el, viewRef.current)) return;
      if (performance.now() - started < 5000) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    cancel.current = () => cancelAnimationFrame(frame);
  }, [container]);
  useEffect(() => {
    start();
    return () => cancel.current();
  }, [view, start]);
  return start;
}
