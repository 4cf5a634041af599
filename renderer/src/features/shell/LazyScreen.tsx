import { Component, createElement, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { Namespace } from '../../../../shared/i18n/index';
import { ErrorMessage } from '../../components/ui';
import { loadNamespaces, translateNow, useT } from '../../i18n';
import { importAgain } from '../../lib/import-again';
import { screenName, screens, type View } from './shortcuts';
import './lazy-screen.css';

const nameOf = (view: View) => (screens.some((s) => s.view === view) ? screenName(view) : translateNow('shell', 'lazy.theScreen'));

/** One per lazy screen: forgets a failed load, so the screen is fetched anew when it opens next. */
const retries = new Set<() => void>();

/**
 * A screen component, `pick`ed from the module `load` fetches the first time it renders (wrap
 * it in <LazyScreen>): `lazyScreen(() => import('./History'), (m) => m.History, ['history'])`.
 * Unlike a bare React.lazy, a failed load is not kept for good: once the error is on screen,
 * opening the screen again fetches it again (under a fresh URL, lib/import-again.ts).
 */
export function lazyScreen<M, P extends object>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
  namespaces: readonly Namespace[] = [],
): ComponentType<P> {
  let failed = false;
  const make = () =>
    lazy(() =>
      // The screen's words (shared/i18n/) arrive with its code: it never shows untranslated keys.
      Promise.all([importAgain(load), loadNamespaces(namespaces)])
        .then(([module]) => pick(module))
        .then(
          (component) => ({ default: component }),
          (error: unknown) => {
            failed = true;
            throw error;
          },
        ),
    );
  let current = make();
  retries.add(() => {
    if (!failed) return;
    failed = false;
    current = make();
  });
  return (props: P) => createElement(current, props);
}

/**
 * Where a lazily loaded screen renders: "Opening History…" while its code loads, and a message
 * instead of a blank window when it cannot be loaded. Neither has a heading or a field, so
 * screen-focus keeps waiting and focuses the screen once it arrives. `onLeave`: a way out for
 * a screen shown without the header (station mode).
 */
export function LazyScreen({ view, onLeave, children }: { view: View; onLeave?: () => void; children: ReactNode }) {
  const { t } = useT('shell');
  // One boundary per screen (keyed): a failed screen's message goes when another screen opens,
  // and a screen still loading shows its own message instead of the last screen, kept hidden.
  return (
    <ScreenErrorBoundary key={view} view={view} onLeave={onLeave}>
      <Suspense
        fallback={
          <p className="hint" role="status">
            {t('lazy.opening', { screen: nameOf(view) })}
          </p>
        }
      >
        {children}
      </Suspense>
    </ScreenErrorBoundary>
  );
}

class ScreenErrorBoundary extends Component<
  { view: View; onLeave?: (() => void) | undefined; children: ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch() {
    // The message replaced the screen; a new lazy component now is not rendered until it opens again.
    for (const retry of retries) retry();
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const { view, onLeave } = this.props;
    const failed = translateNow('shell', 'lazy.failed', { screen: nameOf(view), details: this.state.error.message });
    const back = translateNow('shell', 'lazy.back');
    return (
      <div className="screen-error">
        <ErrorMessage>{failed}</ErrorMessage>
        {onLeave && (
          <button type="button" onClick={onLeave}>
            {back}
          </button>
        )}
      </div>
    );
  }
}
