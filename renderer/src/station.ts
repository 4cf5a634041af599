import type { StationApi } from '../../shared/ipc/client';

declare global {
  interface Window {
    /** Installed by the preload (Electron) or the browser harness; the renderer's only way out. */
    readonly station: StationApi;
  }
}

export const station = (): StationApi => window.station;
