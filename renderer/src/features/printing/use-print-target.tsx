import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { PrinterProfile } from '../../../../shared/domain/printing';
import { station } from '../../station';

type PrintTarget = { profile: PrinterProfile | null; loaded: boolean };

const PrintTargetContext = createContext<PrintTarget | null>(null);

/**
 * Reads the default label printer profile once for a screen (History shows a print button
 * per row; they all share this one answer). Remount it (a `key`) to read it again.
 */
export function PrintTargetProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<PrintTarget>({ profile: null, loaded: false });
  useEffect(() => {
    void station()
      .settings.get()
      .then((r) => {
        if (!r.ok) return setState({ profile: null, loaded: true });
        const profile = r.value.printerProfiles.find((p) => p.id === r.value.defaultLabelProfileId) ?? null;
        setState({ profile, loaded: true });
      });
  }, []);
  return <PrintTargetContext.Provider value={state}>{children}</PrintTargetContext.Provider>;
}

/** The default label printer profile (or null when none is set up), for print buttons. */
export function usePrintTarget(): PrintTarget {
  const target = useContext(PrintTargetContext);
  if (!target) throw new Error('usePrintTarget outside PrintTargetProvider');
  return target;
}
