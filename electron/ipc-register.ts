import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENT_CHANNEL, channelNames, type EventName } from '../shared/ipc/channels';
import { events, type EventPayload } from '../shared/ipc/contract';
import { fail } from '../shared/ipc/result';
import type { Dispatch } from './core/ipc-dispatch';
import { isAppUrl } from './window';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * The only place `ipcMain` is used (lint enforces it). Each channel of the contract gets
 * one handler: untrusted senders are dropped, everything else goes to the Electron-free
 * dispatch (strict input parsing, handler, errors as values).
 */
export function registerIpc(dispatch: Dispatch, isTrusted: SenderCheck): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, raw: unknown) => {
      if (!isTrusted(event)) return fail('untrusted_sender', 'Request refused.');
      return dispatch(channel, raw);
    });
  }
}

/** Trusted = a window this app created, calling from its top frame, showing the app's own origin. */
export function createSenderCheck(isOwnWindow: (contents: WebContents) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (!isOwnWindow(event.sender)) return false;
    return isAppUrl(frame.url);
  };
}

/** Sends a typed event to a renderer, validated against the contract first. */
export function emitEvent<E extends EventName>(contents: WebContents, event: E, payload: EventPayload<E>): void {
  const parsed = events[event].parse(payload);
  if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload: parsed });
}
