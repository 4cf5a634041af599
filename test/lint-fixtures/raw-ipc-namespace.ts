import * as electron from 'electron';

export const register = () => electron.ipcMain.handle('x', () => 1);
