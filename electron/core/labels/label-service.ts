import { systemClock, timeFormat, type TimeFormat } from '../../../shared/domain/time-format';
import { formatPersonName } from '../../../shared/domain/address-format';
import type { EnvironmentId } from '../../../shared/domain/environment';
import type { CreateOutcome, LabelDraft, UnresolvedRequest } from '../../../shared/domain/label-draft';
import type { LabelRecord, OutboxEntry } from '../../../shared/domain/labels';
import { CreateLabelRequest, type LabelResult } from '../../../shared/flexforward/schemas';
import type { Accounts } from '../accounts';
import { serializeCreateLabel, type ApiClient, type ApiError } from '../api';
import type { Connections } from '../connections';
import type { DiskSpaceCheck } from '../db/disk-space';
import type { LabelStore } from './label-store';
import type { Outbox } from './outbox';
import { storageFailure } from '../db/storage-error';
import type { DocumentFetcher } from '../documents/document-fetcher';
import type { DocumentStore, StoredDocument } from '../documents/document-store';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { Logger } from '../logger';
import { operatorError } from '../operator-errors';
import type { SettingsService } from '../settings-store';
import { shipmentFingerprint } from './fingerprint';
import { idempotencyKeyFor } from './idempotency-key';
import { labelRecordFrom } from './label-record';

export interface LabelServiceDeps {
  outbox: Outbox;
  labelStore: LabelStore;
  connections: Connections;
  settings: SettingsService;
  accounts: Accounts;
  fetcher: DocumentFetcher;
  documents: DocumentStore;
  logger: Logger;
  /** Free space on the database's disk: checked before any request is sent. */
  diskSpace: DiskSpaceCheck;
  /** The station's clock, for times in the sentences it writes (default: the system's). */
  times?: TimeFormat;
  now?: () => number;
}

/**
 * Thrown for a request that may have bought a label when the attempt to settle it ended in
 * an error for the operator (a replay refused for its token, not sent for lack of disk
 * space, …): the request stays unresolved under its key and is checked again with the same
 * bytes. Callers that keep their own state (batch runs) record it as in doubt, never as failed.
 */
export class UnresolvedRequestError extends StationError {
  constructor(
    readonly idempotencyKey: string,
    error: StationError,
  ) {
    super(error.code, error.message, error.fields);
  }
}

/**
 * Creates labels exactly once (docs/architecture.md, "Label creation is exactly-once"): the
 * exact request bytes and their key are written to the outbox before sending; unknown outcomes
 * are resolved by resending the same bytes with the same key, also after a restart, before
 * anything new is sent; a new key is minted only for an explicit "create another label".
 * Documents are fetched once and kept.
 */
export function createLabelService(deps: LabelServiceDeps) {
  const { outbox, labelStore, connections, settings, accounts, logger } = deps;
  const now = deps.now ?? Date.now;
  const times = deps.times ?? timeFormat(systemClock());
  let ready: Promise<void> = Promise.resolve();

  /**
   * Sends an outbox entry's stored bytes and records what came back. `fresh` is true only
   * for a request never sent before: only then does a definite refusal (401, 403, 400…) prove
   * that no label exists. A replay of an in-doubt or crash-interrupted request that is
   * refused stays in doubt until the API answers it. create() passes the client it resolved
   * before writing the entry, so nothing between the write and the send can fail.
   */
  async function send(entry: OutboxEntry, fresh = false, ready?: ApiClient): Promise<CreateOutcome> {
    leaseGivenBack.delete(entry.idempotencyKey);
    try {
      return await sendHeld(entry, fresh, ready);
    } finally {
      // Recording an attempt gave the lease back already (one write less in a workgroup); this
      // covers a send that ended before it.
      if (!leaseGivenBack.delete(entry.idempotencyKey)) {
        await outbox
          .release(entry.idempotencyKey)
          .catch((error: unknown) => logger.warn('outbox.release_failed', { key: entry.idempotencyKey, error }));
      }
    }
  }

  /** Keys whose attempt send() recorded: the recording gave this station's lease back. */
  const leaseGivenBack = new Set<string>();
  const recordAnswer: Outbox['recordAnswer'] = async (key, ...rest) => {
    const recorded = await outbox.recordAnswer(key, ...rest);
    leaseGivenBack.add(key);
    return recorded;
  };
  const recordAttempt: Outbox['recordAttempt'] = async (key, ...rest) => {
    const recorded = await outbox.recordAttempt(key, ...rest);
    leaseGivenBack.add(key);
    return recorded;
  };

  /** send() while this station holds the entry's lease (add leased a new entry to it; claim() an unresolved one). */
  async function sendHeld(entry: OutboxEntry, fresh: boolean, ready?: ApiClient): Promise<CreateOutcome> {
    try {
      const request = CreateLabelRequest.parse(JSON.parse(entry.body));
      // A fresh request was checked by create() just before it was written.
      if (!fresh) {
        deps.diskSpace.ensure(t('labels:errors.replayNoSpace'));
      }
      const client = ready ?? (await connections.client(entry.environment));
      const result = await client.createLabel({ idempotencyKey: entry.idempotencyKey, body: entry.body });
      // The request was sent: from here on a label may exist, so an answer the station cannot
      // record leaves the request in doubt (resolved with the same key), never "failed".
      try {
        if (result.ok) return await recordLabel(entry, request, result.value, result.replayed);
        return await recordFailure(entry, request, result.error, result.inDoubt || !fresh);
      } catch (error) {
        const failure = storageFailure(error);
        if (!failure) throw error;
        return await unrecorded(entry, failure);
      }
    } catch (error) {
      // A replay that ended in an error leaves its request unresolved: say so to callers that keep their own state.
      if (
        !fresh &&
        error instanceof StationError &&
        !(error instanceof UnresolvedRequestError) &&
        (await isUnresolved(entry.idempotencyKey))
      ) {
        throw new UnresolvedRequestError(entry.idempotencyKey, error);
      }
      throw error;
    }
  }

  /**
   * Takes an unresolved entry for this station to send or resolve (leases:
   * docs/architecture.md, "Storage backends"): null when it is resolved meanwhile; `request_leased` while
   * another station of the workgroup holds it (it is sending or checking it right now).
   */
  async function claimed(key: string): Promise<OutboxEntry | null> {
    const entry = await outbox.claim(key, now());
    if (entry) return entry;
    if (await isUnresolved(key)) throw new StationError('request_leased', t('workgroup:shared.requestLeased', { key }));
    return null;
  }

  const isUnresolved = async (key: string) => {
    const state = (await outbox.get(key))?.state;
    return state === 'pending' || state === 'in_doubt';
  };

  /**
   * The answer to a sent request could not be recorded (disk full, …): the label may exist.
   * The entry is marked in doubt if that write still works; if not, it stays pending, and
   * pending entries are resolved with their own key at the next start like in-doubt ones.
   */
  async function unrecorded(entry: OutboxEntry, failure: StationError): Promise<CreateOutcome> {
    try {
      await recordAttempt(entry.idempotencyKey, { state: 'in_doubt', lastError: failure.message }, now());
    } catch (error) {
      logger.error('outbox.in_doubt_not_recorded', { key: entry.idempotencyKey, error });
    }
    logger.error('label.answer_not_recorded', { key: entry.idempotencyKey, code: failure.code });
    return {
      kind: 'in_doubt',
      idempotencyKey: entry.idempotencyKey,
      message: t(failure.code === 'disk_full' ? 'labels:errors.unrecordedDiskFull' : 'labels:errors.unrecorded', {
        reason: failure.message,
      }),
    };
  }

  async function recordLabel(
    entry: OutboxEntry,
    request: CreateLabelRequest,
    value: LabelResult,
    replayed: boolean,
  ): Promise<CreateOutcome> {
    // The label and the answer in one transaction, synced like the outbox: a failure records
    // neither, the entry stays unresolved, and its replay finds the label (a replay saves it again).
    const recorded = labelRecordFrom({ request, result: value, environment: entry.environment, accountId: entry.accountId, now: now() });
    await recordAnswer(
      entry.idempotencyKey,
      { state: value.status === 'failed' ? 'rejected' : 'done', labelId: value.id, lastError: value.error?.message ?? null },
      recorded,
      now(),
    );
    // A label the API made for this very request is new to the history: it is what was just
    // recorded (no read back, one round trip fewer in a workgroup). A replay's label may have
    // been recorded before, with its document or prints: read as stored.
    const { fingerprint: _fingerprint, recipientPostalCode: _postalCode, ...fresh } = recorded;
    const label = replayed ? (await labelStore.get(value.id))! : { ...fresh, documentStored: false };
    logger.info('label.recorded', { labelId: value.id, status: label.status, replayed, key: entry.idempotencyKey });
    if (label.status === 'failed') return { kind: 'rejected', label };
    try {
      const stored = await ensureDocument(label.id, label);
      return { kind: 'created', label: stored, replayed, documentError: null, printJob: null };
    } catch (error) {
      const documentError = error instanceof StationError ? error.message : t('labels:errors.documentFailed');
      logger.warn('label.document_failed', { labelId: label.id, error });
      // Read again: the document's URL may have been stored before the download failed.
      return { kind: 'created', label: (await labelStore.get(label.id))!, replayed, documentError, printJob: null };
    }
  }

  async function recordFailure(
    entry: OutboxEntry,
    request: CreateLabelRequest,
    error: ApiError,
    mayExist: boolean,
  ): Promise<CreateOutcome> {
    if (error.code === 'courier_unavailable' && error.label) {
      // The courier's side was down: nothing was bought and the shipment needs no fix. The API
      // keeps the failure under this key, so the entry is closed as 'unavailable' (not a
      // refusal) and the next Create sends a new key; the operator's draft is left as it is.
      const failed = error.label;
      await recordAnswer(
        entry.idempotencyKey,
        { state: 'unavailable', labelId: failed.id, lastError: error.message },
        labelRecordFrom({ request, result: failed, environment: entry.environment, accountId: entry.accountId, now: now() }),
        now(),
      );
      logger.warn('label.courier_unavailable', { key: entry.idempotencyKey, courier: failed.courier });
      throw operatorError(error, { environment: entry.environment });
    }
    if (error.code === 'courier_rejected' && error.label) {
      const rejected = error.label;
      await recordAnswer(
        entry.idempotencyKey,
        { state: 'rejected', labelId: rejected.id, lastError: error.message },
        labelRecordFrom({ request, result: rejected, environment: entry.environment, accountId: entry.accountId, now: now() }),
        now(),
      );
      return { kind: 'rejected', label: (await labelStore.get(rejected.id))! };
    }
    // A 400 is definite even for a replay: the API never created a label from bytes it refuses as invalid.
    if (mayExist && error.code !== 'validation') {
      await recordAttempt(entry.idempotencyKey, { state: 'in_doubt', lastError: error.message }, now());
      // A definite refusal of a replay (token refused, no token): say why it could not be checked.
      if (!error.retryable) {
        const account = accountOf(entry);
        throw new UnresolvedRequestError(entry.idempotencyKey, operatorError(error, { environment: entry.environment, account }));
      }
      logger.warn('label.in_doubt', { key: entry.idempotencyKey, code: error.code });
      return {
        kind: 'in_doubt',
        idempotencyKey: entry.idempotencyKey,
        message: t('labels:errors.unconfirmed', { reason: error.message }),
      };
    }
    // A definite refusal (400, 401, 403, …): nothing was created; the same key may be sent again after fixing.
    await recordAttempt(entry.idempotencyKey, { state: 'invalid', lastError: error.message }, now());
    throw operatorError(error, { environment: entry.environment, account: accountOf(entry) });
  }

  const accountOf = (entry: OutboxEntry) =>
    entry.accountId ? (settings.view().environments[entry.environment].accounts.find((a) => a.id === entry.accountId) ?? null) : null;

  /**
   * GET /labels/{id} → download (no Authorization header) → store. A stored document is never fetched again.
   * `known`: the label as just read from the history (saves reading it again). Resolves to the
   * label with its document as now stored.
   */
  async function ensureDocument(labelId: string, known?: LabelRecord): Promise<LabelRecord> {
    return (await obtainDocument(labelId, known)).label;
  }

  /** ensureDocument, and the bytes it downloaded (null when the document was kept already). */
  async function obtainDocument(labelId: string, known?: LabelRecord): Promise<{ label: LabelRecord; downloaded: StoredDocument | null }> {
    const label = known ?? (await labelStore.get(labelId));
    if (!label) throw new StationError('label_not_found', t('labels:errors.labelNotFound'));
    if (label.status !== 'created') throw new StationError('label_failed', t('labels:errors.labelFailed'));
    if (label.documentStored && label.documentFormat && deps.documents.has(labelId, label.documentFormat))
      return { label, downloaded: null };
    let url = label.documentUrl;
    let format = label.documentFormat;
    if (!url || !format) {
      const client = await connections.client(label.environment);
      const doc = await client.getLabelDocument(labelId);
      if (!doc.ok) throw operatorError(doc.error, { environment: label.environment });
      url = doc.value.url;
      format = doc.value.labelFormat.toLowerCase() === 'png' ? 'png' : 'pdf';
      await labelStore.setDocument(labelId, { url, format, path: null });
    }
    // The label's own environment decides which document hosts are allowed, not the active one.
    const downloaded = await deps.fetcher.download(url, label.environment);
    // Kept at once, written to disk in the background (documents/document-store.ts).
    const path = deps.documents.save(labelId, downloaded.format, downloaded.bytes);
    // Read while it is surely still in memory: the write may be over, or have failed, after the next await.
    const kept = deps.documents.read(labelId);
    await labelStore.setDocument(labelId, { url, format: downloaded.format, path });
    return { label: { ...label, documentUrl: url, documentFormat: downloaded.format, documentStored: true }, downloaded: kept };
  }

  /**
   * A request without an order number gets a fresh key, so the key cannot catch a second
   * purchase of the same shipment: its fingerprint does. The newest created label, or
   * unconfirmed request, of the same shipment within the window (Settings → Defaults; 0 is
   * off) refuses the request with `duplicate_shipment`, naming it, unless the operator
   * confirmed buying another for exactly that one (`confirmDuplicateOf`: its label id or
   * request key). Fields carry the existing label for the renderer's question.
   */
  async function ensureNotDuplicate(environment: EnvironmentId, draft: LabelDraft, confirmDuplicateOf: string | undefined) {
    const hours = settings.view().defaults.duplicateWindowHours;
    if (!(hours > 0)) return;
    const since = now() - hours * 3_600_000;
    const fingerprint = shipmentFingerprint(draft);
    const labels = await labelStore.sameShipment(environment, fingerprint, since);
    // Unconfirmed requests are few (start-up recovery reads them all): their stored bytes are fingerprinted here.
    const requests = (await outbox.unresolved(environment)).filter((entry) => {
      if (entry.orderNumber || entry.createdAt < since) return false;
      const parsed = CreateLabelRequest.safeParse(JSON.parse(entry.body));
      return parsed.success && shipmentFingerprint(parsed.data) === fingerprint;
    });
    if (
      confirmDuplicateOf &&
      (labels.some((l) => l.id === confirmDuplicateOf) || requests.some((r) => r.idempotencyKey === confirmDuplicateOf))
    )
      return;
    const label = labels[0];
    const request = requests.at(-1);
    if (request && (!label || request.createdAt >= label.createdAt)) {
      throw new StationError(
        'duplicate_shipment',
        t('labels:errors.duplicateRequest', { recipient: labelRecipient(draft), at: times.dateTime(request.createdAt) }),
        {
          'duplicateOf.kind': 'request',
          'duplicateOf.idempotencyKey': request.idempotencyKey,
          'duplicateOf.createdAt': String(request.createdAt),
        },
      );
    }
    if (!label) return;
    throw new StationError(
      'duplicate_shipment',
      t('labels:errors.duplicateLabel', {
        recipient: label.recipientName,
        tracking: label.trackingNumber ?? t('labels:errors.notAssigned'),
        at: times.dateTime(label.createdAt),
        label: label.id,
      }),
      {
        'duplicateOf.kind': 'label',
        'duplicateOf.labelId': label.id,
        'duplicateOf.trackingNumber': label.trackingNumber ?? '',
        'duplicateOf.orderNumber': label.customerOrderNumber ?? label.platformOrderNumber ?? '',
        'duplicateOf.recipientName': label.recipientName,
        'duplicateOf.createdAt': String(label.createdAt),
      },
    );
  }

  const current = () => {
    const environment = settings.view().activeEnvironment;
    return { environment, account: accounts.current(environment) };
  };

  /**
   * `another`: the explicit "create another label for this order". `confirmDuplicateOf`: the
   * operator confirmed buying another label for a shipment without an order number that the
   * named label (or request key) already covers.
   */
  async function create(draft: LabelDraft, options: { another?: boolean; confirmDuplicateOf?: string } = {}): Promise<CreateOutcome> {
    await ready;
    // Until a request is handed to send(), nothing was bought: a shared outbox that cannot be
    // reached refuses the label (no label is bought that the outbox did not record first).
    let sending = false;
    try {
      return await prepareAndSend();
    } catch (error) {
      if (!sending && error instanceof StationError && error.code === 'database_unavailable') {
        throw new StationError('database_unavailable', t('workgroup:shared.createRefused'));
      }
      throw error;
    }

    async function prepareAndSend(): Promise<CreateOutcome> {
      const { environment, account } = current();
      const orderNumber = draft.order?.customerOrderNumber?.trim() || null;
      const service = account ? { ...draft.service, shipperAccountId: account.id } : draft.service;

      let key: string;
      const previous = orderNumber ? await outbox.latestForOrder(environment, orderNumber) : null;
      if (previous && (previous.state === 'pending' || previous.state === 'in_doubt')) {
        // Never a new key while an earlier request may have bought a label: resolve it first, with its own bytes.
        logger.info('label.resolving_previous', { key: previous.idempotencyKey });
        const entry = await claimed(previous.idempotencyKey);
        // Resolved by another station meanwhile: decided again on what it left.
        sending = entry !== null;
        return entry ? send(entry) : create(draft, options);
      }
      if (previous && (previous.state === 'done' || previous.state === 'rejected') && !options.another) {
        return {
          kind: 'already_labelled',
          orderNumber: orderNumber!,
          labels: await labelStore.forOrder(environment, orderNumber!),
          lastRejected: previous.state === 'rejected',
        };
      }
      if (previous && previous.state === 'invalid' && !options.another) {
        key = previous.idempotencyKey;
      } else if ((options.another || previous?.state === 'unavailable') && orderNumber) {
        // A courier outage spent the last key without buying anything: trying later needs no "another".
        key = idempotencyKeyFor(orderNumber, (await outbox.countForOrder(environment, orderNumber)) + 1);
      } else {
        if (!orderNumber) await ensureNotDuplicate(environment, draft, options.confirmDuplicateOf);
        key = idempotencyKeyFor(orderNumber);
      }

      const serialized = serializeCreateLabel({ ...draft, service, idempotencyKey: key });
      if (!serialized.ok) throw new StationError('validation', serialized.error.message, serialized.error.fields);
      const body = serialized.value.body;
      // Everything that can refuse happens before the request is written: an entry that is
      // written but never sent would still be sent at the next start.
      deps.diskSpace.ensure(t('labels:errors.createNoSpace'));
      const client = await connections.client(environment);
      // What add() wrote, as the store read it back (replaceBody gives nothing: read below).
      let written: OutboxEntry | null = null;
      try {
        if (previous && previous.idempotencyKey === key) {
          await outbox.replaceBody(key, body, now());
          // Sent by this station only: the fixed request is unresolved again, so it is leased first.
          if (!(await claimed(key))) throw new StationError('request_resolved', t('labels:errors.requestResolved'));
        } else written = await outbox.add({ idempotencyKey: key, environment, accountId: account?.id ?? null, orderNumber, body }, now());
      } catch (error) {
        const failure = storageFailure(error);
        if (!failure) throw error;
        throw new StationError(
          failure.code,
          t(failure.code === 'disk_full' ? 'labels:errors.requestNotSavedDiskFull' : 'labels:errors.requestNotSaved', {
            reason: failure.message,
          }),
        );
      }
      // Only what the outbox holds is sent: the bytes a replay would send under this key.
      const entry = written ?? (await outbox.get(key));
      if (!entry || entry.state !== 'pending' || entry.body !== body) {
        throw new StationError('database_write_failed', t('labels:errors.requestNotReadBack'));
      }
      sending = true;
      return send(entry, true, client);
    }
  }

  return {
    /** Resolves every unresolved outbox entry (start-up, before anything new is sent). */
    resolveUnresolved(): Promise<{ resolved: number; stillInDoubt: number }> {
      const run = async () => {
        let resolved = 0;
        let stillInDoubt = 0;
        let elsewhere = 0;
        for (const unresolved of await outbox.unresolved()) {
          // In a workgroup another station may be sending or resolving it right now: left to it
          // until its lease runs out (a station that died mid-request holds it no longer than that).
          const entry = await outbox.claim(unresolved.idempotencyKey, now());
          if (!entry) {
            if (await isUnresolved(unresolved.idempotencyKey)) elsewhere += 1;
            continue;
          }
          try {
            const outcome = await send(entry);
            if (outcome.kind === 'in_doubt') stillInDoubt += 1;
            else resolved += 1;
          } catch (error) {
            // Refused (token refused, no token, API address unusable): still in doubt, checked again later.
            stillInDoubt += 1;
            logger.warn('outbox.resolve_refused', { key: entry.idempotencyKey, error });
          }
        }
        logger.info('outbox.resolved', { resolved, stillInDoubt, leasedElsewhere: elsewhere });
        return { resolved, stillInDoubt };
      };
      const result = ready.then(run);
      ready = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },

    /**
     * `another`: the explicit "create another label for this order". `confirmDuplicateOf`: the
     * operator confirmed buying another label for a shipment without an order number that the
     * named label (or request key) already covers.
     */
    create,

    /** Re-sends an in-doubt request with its stored bytes and key. */
    async resolve(idempotencyKey: string): Promise<CreateOutcome> {
      await ready;
      const entry = await outbox.get(idempotencyKey);
      if (!entry) throw new StationError('request_not_found', t('labels:errors.requestNotFound'));
      const held = entry.state === 'pending' || entry.state === 'in_doubt' ? await claimed(idempotencyKey) : null;
      if (!held) throw new StationError('request_resolved', t('labels:errors.requestResolved'));
      return send(held);
    },

    async unresolved(): Promise<UnresolvedRequest[]> {
      return (await outbox.unresolved()).map(({ idempotencyKey, environment, orderNumber, state, attempts, lastError, createdAt }) => ({
        idempotencyKey,
        environment,
        orderNumber,
        state,
        attempts,
        lastError,
        createdAt,
      }));
    },

    ensureDocument,

    /** The stored document of a label (fetched once if needed). Never calls POST /labels. */
    async document(labelId: string): Promise<{ format: 'pdf' | 'png'; bytes: Buffer; path: string }> {
      // Previews and reprints read the stored file once; only a missing file is fetched first. A file
      // there is the label's whole document (the document store writes it whole or not at all), so
      // the history is not read first.
      const ready = deps.documents.read(labelId);
      if (ready) return ready;
      // What was just downloaded, even if its file could not be written (a full disk still prints).
      const { downloaded } = await obtainDocument(labelId);
      const stored = downloaded ?? deps.documents.read(labelId);
      if (!stored) throw new StationError('document_missing', t('labels:errors.documentMissing'));
      return stored;
    },

    /**
     * "Duplicate": the draft of the request a label was made from (its stored bytes), without its
     * key and shipper account (the new request gets its own). Never sends anything.
     */
    async draftOf(labelId: string): Promise<LabelDraft> {
      const label = await this.get(labelId);
      const entry = await outbox.get(label.idempotencyKey);
      const parsed = entry ? CreateLabelRequest.safeParse(JSON.parse(entry.body)) : null;
      if (!parsed?.success) {
        throw new StationError('request_not_found', t('labels:errors.cannotDuplicate'));
      }
      const { idempotencyKey: _key, ...draft } = parsed.data;
      const { shipperAccountId: _account, ...service } = draft.service;
      return { ...draft, service };
    },

    async get(labelId: string): Promise<LabelRecord> {
      const label = await labelStore.get(labelId);
      if (!label) throw new StationError('label_not_found', t('labels:errors.labelNotFound'));
      return label;
    },

    async environmentOf(labelId: string): Promise<EnvironmentId> {
      return (await this.get(labelId)).environment;
    },
  };
}
export type LabelService = ReturnType<typeof createLabelService>;

/** The recipient as the duplicate question names them: their name as their country writes it, and the city. */
const labelRecipient = (draft: LabelDraft) => {
  const { contact, address } = draft.shipment.shipTo;
  return [formatPersonName(contact.firstName, contact.lastName, address.countryCode), address.city].filter(Boolean).join(', ');
};
