// Runs in the sandboxed renderer before the page. Built as one CommonJS file that requires
// nothing but `electron`. Exposes exactly one object, `window.station`.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL } from '../shared/ipc/channels';
import { createClient } from '../shared/ipc/client';

const station = createClient(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (event, listener) => {
    const handler = (_e: IpcRendererEvent, message: { event?: unknown; payload?: unknown }) => {
      if (message?.event === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
);

contextBridge.exposeInMainWorld('station', station);
