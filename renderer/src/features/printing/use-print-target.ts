import { defaultLabelProfile, type PrinterProfile } from '../../../../shared/domain/printing';
import { useSettingsView } from '../../data/queries';

/**
 * The default label printer profile (or null when none is set up), for print buttons. Every
 * button reads it from the one cached settings view (History shows one per row), which main's
 * settings:changed event keeps current.
 */
export function usePrintTarget(): { profile: PrinterProfile | null; loaded: boolean } {
  const { data, error } = useSettingsView();
  return { profile: data ? defaultLabelProfile(data) : null, loaded: data !== undefined || error !== null };
}
