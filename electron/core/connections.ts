import { t } from './i18n';
import { environmentLabelKeys, type EnvironmentId } from '../../shared/domain/environment';
import { createApiClient, type ApiClient, type ApiClientOptions, type ApiError } from './api';
import { parseBaseUrl } from './api/base-url';
import { StationError } from './errors';
import type { Logger } from './logger';
import type { SettingsService } from './settings-store';
import type { TokenCheck, TokenVerdict } from './token-vault';

/** The embedded simulator behind Demo mode. */
export interface DemoServer {
  url: string;
  token: string;
  accounts: readonly { id: string; name: string }[];
  close(): Promise<void>;
}

export interface Connections {
  /** The API client for an environment (default: the active one). */
  client(environment?: EnvironmentId): Promise<ApiClient>;
  /** Checks a candidate token with a cheap authenticated call, without storing it. */
  checkToken(environment: EnvironmentId, token: string): Promise<TokenCheck>;
  /** Starts the simulator (once) and seeds the demo shipper accounts. */
  ensureDemo(): Promise<DemoServer>;
  close(): Promise<void>;
}

export interface ConnectionDeps {
  settings: SettingsService;
  /**
   * The stored token of an environment for requests to `origin` (the vault's `tokenFor`):
   * null unless the token is bound to exactly that origin.
   */
  readToken: (environment: EnvironmentId, origin: string) => Promise<string | null>;
  /** A call with the stored token succeeded (the vault's `markVerified`: a token saved unverified is verified now). */
  onTokenAccepted?: (environment: EnvironmentId) => void;
  /** The API answered 401 to a call with the stored token (the vault's `markRefused`). */
  onTokenRefused?: (environment: EnvironmentId) => void;
  /** Whether requests reach the API (the Offline banner): told after every call. */
  reachability?: { unreachable(origin: string, reason: string): void; reached(): void };
  startDemo: () => Promise<DemoServer>;
  logger: Logger;
  /** Passed to every client (tests shorten retry delays and timeouts). */
  clientOptions?: Partial<ApiClientOptions>;
}

/** One API client per environment and base URL; Demo talks to the embedded simulator with its demo token. */
export function createConnections({
  settings,
  readToken,
  onTokenAccepted,
  onTokenRefused,
  reachability,
  startDemo,
  logger,
  clientOptions = {},
}: ConnectionDeps): Connections {
  const clients = new Map<string, ApiClient>();
  let demo: Promise<DemoServer> | null = null;

  const ensureDemo = () => {
    demo ??= startDemo().then((server) => {
      settings.update((s) => {
        const env = s.environments.demo;
        if (env.accounts.length === 0) {
          env.accounts = server.accounts.map((a) => ({ id: a.id.toLowerCase(), name: a.name }));
          env.defaultAccountId = env.accounts[0]?.id ?? null;
        }
        env.baseUrl = server.url;
      });
      logger.info('demo.started', { url: server.url });
      return server;
    });
    demo.catch(() => (demo = null));
    return demo;
  };

  const baseUrlOf = async (environment: EnvironmentId): Promise<string> => {
    if (environment === 'demo') return (await ensureDemo()).url;
    const url = settings.read().environments[environment].baseUrl;
    if (!url) {
      throw new StationError('no_base_url', t('errors:connection.noBaseUrl', { environment: t(environmentLabelKeys[environment]) }));
    }
    try {
      return parseBaseUrl(url).href;
    } catch (error) {
      throw new StationError(
        'bad_base_url',
        t('errors:connection.badBaseUrl', { environment: t(environmentLabelKeys[environment]), reason: (error as Error).message }),
      );
    }
  };

  const build = (baseUrl: string, getToken: () => Promise<string | null>, extra: Partial<ApiClientOptions> = {}) =>
    createApiClient({ ...clientOptions, ...extra, baseUrl, getToken, logger });

  return {
    ensureDemo,
    async client(environment = settings.read().activeEnvironment) {
      const baseUrl = await baseUrlOf(environment);
      const key = `${environment} ${baseUrl}`;
      let client = clients.get(key);
      if (!client) {
        // The token is asked for with the origin this client sends to; the vault answers only
        // for the origin the token was verified against.
        const origin = new URL(baseUrl).origin;
        const getToken = environment === 'demo' ? async () => (await ensureDemo()).token : () => readToken(environment, origin);
        client = observed(build(baseUrl, getToken), (result) => {
          if (result.ok) {
            if (environment !== 'demo') onTokenAccepted?.(environment);
            reachability?.reached();
            return;
          }
          // A 401 on any call: the stored token was refused (every token status says so).
          if (result.error.code === 'unauthorized' && environment !== 'demo') onTokenRefused?.(environment);
          if (result.error.notSent) reachability?.unreachable(origin, result.error.reason ?? t('errors:api.connect.other'));
          // Any HTTP answer, even a refusal, came from the API: it can be reached.
          else if (result.error.status !== undefined) reachability?.reached();
        });
        clients.set(key, client);
      }
      return client;
    },
    async checkToken(environment, token) {
      // No retries: the operator is waiting at the first-start screen for a yes or no.
      const baseUrl = await baseUrlOf(environment);
      const origin = new URL(baseUrl).origin;
      const client = build(baseUrl, async () => token, { retryDelaysMs: [], responseTimeoutMs: 15_000 });
      const verdict = async (): Promise<TokenVerdict> => {
        const couriers = await client.listCouriers();
        if (couriers.ok) return { kind: 'accepted' };
        const first = classify(couriers.error);
        if (first !== 'no_endpoint') return first;
        // Older APIs have no GET /couriers: a tracking lookup of an ID that cannot exist answers 404 for a good token.
        const tracking = await client.getTracking('00000000-0000-0000-0000-000000000000');
        const second = tracking.ok ? ({ kind: 'accepted' } as const) : classify(tracking.error);
        return second === 'no_endpoint' ? { kind: 'accepted' } : second;
      };
      return { ...(await verdict()), origin };
    },
    async close() {
      const server = await demo?.catch(() => null);
      await server?.close();
    },
  };
}

type Outcome = { ok: true } | { ok: false; error: ApiError };

/** The same client, calling `then` with the outcome of every call. */
function observed(client: ApiClient, then: (outcome: Outcome) => void): ApiClient {
  const wrap =
    <A extends unknown[], R extends Outcome>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await call(...args);
      then(result);
      return result;
    };
  return {
    createLabel: wrap(client.createLabel),
    getLabelDocument: wrap(client.getLabelDocument),
    getLabelDocuments: wrap(client.getLabelDocuments),
    getTracking: wrap(client.getTracking),
    listProducts: wrap(client.listProducts),
    listCouriers: wrap(client.listCouriers),
  };
}

function classify(error: ApiError): TokenVerdict | 'no_endpoint' {
  switch (error.code) {
    case 'unauthorized':
      return { kind: 'refused' };
    case 'forbidden':
      return { kind: 'accepted' };
    case 'not_found':
    case 'method_not_allowed':
      return 'no_endpoint';
    default:
      return { kind: 'unreachable', reason: error.message };
  }
}
