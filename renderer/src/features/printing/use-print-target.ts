import { useEffect, useState } from 'react';
import type { PrinterProfile } from '../../../../shared/domain/printing';
import { station } from '../../station';

/** The default label printer profile (or null when none is set up), for print buttons. */
export function usePrintTarget(): { profile: PrinterProfile | null; loaded: boolean } {
  const [state, setState] = useState<{ profile: PrinterProfile | null; loaded: boolean }>({ profile: null, loaded: false });
  useEffect(() => {
    void station()
      .settings.get()
      .then((r) => {
        if (!r.ok) return setState({ profile: null, loaded: true });
        const profile = r.value.printerProfiles.find((p) => p.id === r.value.defaultLabelProfileId) ?? null;
        setState({ profile, loaded: true });
      });
  }, []);
  return state;
}
