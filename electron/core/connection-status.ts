import { connect } from 'node:net';
import type { ConnectionStatus } from '../../shared/ipc/contract';
import type { Logger } from './logger';

/** A light probe of an API origin: can a TCP connection be made (no request, no token)? */
export type Probe = (origin: string) => Promise<boolean>;

export interface ConnectionStatusDeps {
  /** Tells the renderer (`connection:changed`). */
  onChange: (status: ConnectionStatus) => void;
  logger: Logger;
  probe?: Probe;
  /** How often an unreachable API is probed (default 5 s). */
  probeEveryMs?: number;
  now?: () => Date;
}

export interface ConnectionMonitor {
  current(): ConnectionStatus;
  /** A request to `origin` never reached it (no connection could be made): the station is offline. */
  unreachable(origin: string, reason: string): void;
  /** A request reached the API: online again. */
  reached(): void;
  close(): void;
}

/**
 * Whether the Flex Forward API can be reached. The first request that cannot even connect
 * makes the station "offline" (the renderer shows a banner); while offline the API's origin is
 * probed with a bare TCP connection every few seconds, and the first success, or any request
 * that reaches the API, clears it by itself.
 */
export function createConnectionMonitor({
  onChange,
  logger,
  probe = tcpProbe,
  probeEveryMs = 5_000,
  now = () => new Date(),
}: ConnectionStatusDeps): ConnectionMonitor {
  let status: ConnectionStatus = { online: true, since: null, reason: null };
  let timer: NodeJS.Timeout | null = null;
  let target: string | null = null;

  const set = (next: ConnectionStatus) => {
    status = next;
    logger.info(next.online ? 'connection.online' : 'connection.offline', { reason: next.reason });
    onChange(next);
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const online = () => {
    stop();
    if (!status.online) set({ online: true, since: now().toISOString(), reason: null });
  };

  return {
    current: () => status,
    unreachable(origin, reason) {
      target = origin;
      if (status.online) set({ online: false, since: now().toISOString(), reason });
      if (timer) return;
      let probing = false;
      timer = setInterval(() => {
        if (probing || !target) return;
        probing = true;
        void probe(target)
          .then((ok) => {
            if (ok) online();
          })
          .finally(() => (probing = false));
      }, probeEveryMs);
      timer.unref();
    },
    reached: online,
    close: stop,
  };
}

/** Opens and closes a TCP connection to the origin's host and port (2 s at most). */
export const tcpProbe: Probe = (origin) =>
  new Promise((resolve) => {
    const url = new URL(origin);
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
