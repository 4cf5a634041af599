import { ipcMain } from 'electron';

export const register = () => ipcMain.handle('x', () => 1);
