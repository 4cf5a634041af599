import { ipcRenderer } from 'electron';

export const send = () => ipcRenderer.invoke('app:info');
