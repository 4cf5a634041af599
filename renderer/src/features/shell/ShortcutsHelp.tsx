import { Fragment, useEffect, useRef } from 'react';
import { useT } from '../../i18n';
import { shortcutSections } from './shortcuts';
import './keyboard.css';

/** A key's name, the same in every language. */
const CLOSE_KEY = 'Esc';
const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * The keyboard shortcuts overlay: a modal dialog over whatever screen is showing (also
 * station mode and the first-start screen). Focus moves into it and stays there; Esc or
 * Close shuts it and focus goes back where it was. While it is open, no key reaches the
 * screen behind it (so Esc here never also cancels something in station mode).
 */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useT('shell');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = dialogRef.current!;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // showModal: the top layer, and everything behind the dialog is inert.
    if (!dialog.open) dialog.showModal?.();
    closeRef.current?.focus();

    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopImmediatePropagation();
        onCloseRef.current();
        return;
      }
      if (event.key === 'Tab') {
        const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
        const first = items[0] ?? dialog;
        const last = items.at(-1) ?? dialog;
        const inside = dialog.contains(document.activeElement);
        if (!inside || (event.shiftKey && document.activeElement === first)) {
          event.preventDefault();
          (event.shiftKey ? last : first).focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
        event.stopImmediatePropagation();
        return;
      }
      // Modal: screen and station keys (F2 reprint, Enter send…) wait until the overlay is closed.
      if (/^F\d+$/.test(event.key)) event.preventDefault();
      event.stopImmediatePropagation();
    };
    // Capture on window: runs before any screen's own key handlers.
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      if (dialog.open) dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="shortcuts-help"
      // Explicit role and aria-modal: screens look for [role="dialog"][aria-modal="true"] to hold their own keys.
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcuts-help-title"
      // The native Esc "cancel": closed the same way as the Close button.
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === dialogRef.current && onClose()}
    >
      <div className="shortcuts-help-head">
        <h2 id="shortcuts-help-title">{t('shortcuts.title')}</h2>
        <button ref={closeRef} type="button" onClick={onClose}>
          {t('shortcuts.close')} <kbd>{CLOSE_KEY}</kbd>
        </button>
      </div>
      <div className="shortcuts-help-sections">
        {shortcutSections().map((section) => (
          <section key={section.id} aria-labelledby={`shortcuts-${section.id}`}>
            <h3 id={`shortcuts-${section.id}`}>{section.title}</h3>
            <dl className="shortcut-list">
              {section.entries.map((entry) => (
                <Fragment key={entry.description}>
                  <dt>
                    {entry.keys.map((combo, i) => (
                      <Fragment key={combo.join('+')}>
                        {i > 0 && <span className="shortcut-or"> {t('shortcuts.or')} </span>}
                        <span className="shortcut-combo">
                          {combo.map((key, j) => (
                            <Fragment key={key}>
                              {j > 0 && '+'}
                              <kbd>{key}</kbd>
                            </Fragment>
                          ))}
                        </span>
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{entry.description}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
