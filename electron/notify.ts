// Desktop notifications (new tracking exceptions): Electron's Notification, configured here.
import { Notification } from 'electron';

/** Shows one notification where the desktop supports them; quietly nothing where it does not. */
export function showNotification({ title, body }: { title: string; body: string }): void {
  if (!Notification.isSupported()) return;
  // Not silent: a delivery problem should be heard at a packing desk; the app is named by the OS.
  new Notification({ title, body, silent: false }).show();
}
