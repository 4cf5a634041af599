import type { CatalogAnswer } from '../../../../shared/ipc/contract';
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CreateOutcome, LabelDraft } from '../../../../shared/domain/label-draft';
import type { Courier, Product } from '../../../../shared/flexforward/schemas';
import { unitLabels } from '../../../../shared/domain/settings';
import type { SettingsView } from '../../../../shared/ipc/contract';
import type { Party } from '../../../../shared/flexforward/schemas';
import type { IpcError } from '../../../../shared/ipc/result';
import { draftFromParty, partyFieldPaths, type PartyDraft } from '../../components/PartyFields';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { messageText } from '../../i18n';
import {
  buildDraft,
  emptyForm,
  emptyItem,
  parcelFromPreset,
  validateDraft,
  type ItemForm,
  type ParcelForm,
  type ShipmentFormValues,
} from './draft';
import { useWeightCheck } from './use-weight-check';

/** A picker's list: the API's, or why there is none (then the field takes a typed code). Null while it loads. */
/** A picker's list as the contract defines it (shared/ipc/contract.ts), or null while it is being asked for. */
export type Catalog<T> = CatalogAnswer<T> | null;

/**
 * Main refused a request without an order number because the same shipment was labelled (or
 * requested) within the window: what it named, for the question "buy another / reprint / cancel".
 */
export type DuplicateQuestion =
  | {
      kind: 'label';
      message: string;
      labelId: string;
      trackingNumber: string | null;
      orderNumber: string | null;
      recipientName: string;
      createdAt: number;
    }
  | { kind: 'request'; message: string; idempotencyKey: string; createdAt: number };

/** The question in a `duplicate_shipment` refusal (its fields name the existing label or request). */
export function duplicateQuestion(error: IpcError): DuplicateQuestion | null {
  if (error.code !== 'duplicate_shipment' || !error.fields) return null;
  const f = error.fields;
  const createdAt = Number(f['duplicateOf.createdAt']);
  if (f['duplicateOf.kind'] === 'request' && f['duplicateOf.idempotencyKey']) {
    return { kind: 'request', message: error.message, idempotencyKey: f['duplicateOf.idempotencyKey'], createdAt };
  }
  if (!f['duplicateOf.labelId']) return null;
  return {
    kind: 'label',
    message: error.message,
    labelId: f['duplicateOf.labelId'],
    trackingNumber: f['duplicateOf.trackingNumber'] || null,
    orderNumber: f['duplicateOf.orderNumber'] || null,
    recipientName: f['duplicateOf.recipientName'] ?? '',
    createdAt,
  };
}

/** The draft is a copy of this label ("Duplicate"): creating it is an explicit new purchase. */
export interface DuplicateSource {
  labelId: string;
  trackingNumber: string | null;
}

/** Does the error key `key` belong to the field at `path` (the field itself or a part of it)? */
const within = (key: string, path: string) => key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}[`);

/**
 * The state of the shipment form: the values as typed, the draft they make, the schema's
 * messages as you type (for fields edited so far, all of them after a submit attempt), the
 * API's field messages (until the field changes), and creating the label. Every field is
 * named by the request path it feeds (`shipment.parcels[0].weight`), so both kinds of
 * message land on the same field. The form keeps its contents after any error; only
 * `reset` (New label) empties it.
 */
export function useShipmentForm(settings: SettingsView, onOutcome: (outcome: CreateOutcome) => void) {
  const [values, setValues] = useState<ShipmentFormValues>(() => emptyForm(settings.defaults, settings.packagePresets, settings.senders));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  /** A label was created from this form: it is locked until New label or Duplicate. */
  const [locked, setLocked] = useState(false);
  const [copyOf, setCopyOf] = useState<DuplicateSource | null>(null);
  const [duplicate, setDuplicate] = useState<DuplicateQuestion | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const couriersAnswer = useQuery(queryKeys.couriers, () => station().catalog.couriers({}), { refetchOnMount: true });
  const productsAnswer = useQuery(
    values.courier ? queryKeys.products(values.courier) : null,
    () => station().catalog.products({ courier: values.courier }),
    { refetchOnMount: true },
  );
  const couriers: Catalog<Courier> =
    couriersAnswer.data ?? (couriersAnswer.error ? { available: false, reason: couriersAnswer.error.message } : null);
  const products: Catalog<Product> =
    productsAnswer.data ?? (productsAnswer.error ? { available: false, reason: productsAnswer.error.message } : null);

  const draft = useMemo(() => buildDraft(values, settings.senders), [values, settings.senders]);
  const clientErrors = useMemo(() => validateDraft(draft), [draft]);
  // An implausible weight (120 typed for 1.20) needs "Yes, the weight is right" before Create sends it.
  const weight = useWeightCheck(draft, settings.defaults.weightRange);
  // Schema messages show once a field was edited (or after a submit attempt); the API's stay until the field changes.
  const errors: Record<string, string> = {
    // The schema's messages are the API's English: each in the screens' language.
    ...Object.fromEntries(
      Object.entries(clientErrors)
        .filter(([k]) => submitted || touched.has(k))
        .map(([k, message]) => [k, messageText(message)]),
    ),
    ...serverErrors,
  };

  const touch = (...paths: string[]) => {
    setTouched((t) => new Set([...t, ...paths]));
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !paths.some((p) => within(k, p)))));
  };
  const set = <K extends keyof ShipmentFormValues>(key: K, value: ShipmentFormValues[K], path: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    touch(path);
  };
  const setParty = (key: 'shipTo' | 'shipFrom', next: PartyDraft) => {
    const prev = values[key];
    const changed = (Object.keys(next) as (keyof PartyDraft)[]).filter((k) => next[k] !== prev[k]);
    setValues((v) => ({ ...v, [key]: next }));
    touch(...changed.map((k) => `shipment.${key}.${partyFieldPaths[k]}`));
  };
  const setParcel = (index: number, patch: Partial<ParcelForm>, path: string) => {
    setValues((v) => ({ ...v, parcels: v.parcels.map((p, i) => (i === index ? { ...p, ...patch } : p)) }));
    touch(path);
  };
  const setItem = (pi: number, ii: number, patch: Partial<ItemForm>, path: string) => {
    setValues((v) => ({
      ...v,
      parcels: v.parcels.map((p, i) => (i === pi ? { ...p, items: p.items.map((it, j) => (j === ii ? { ...it, ...patch } : it)) } : p)),
    }));
    touch(path);
  };
  const parcels = {
    add: () =>
      setValues((v) => ({
        ...v,
        parcels: [...v.parcels, parcelFromPreset(settings.packagePresets.find((p) => p.id === settings.defaults.packagePresetId))],
      })),
    remove: (pi: number) => setValues((v) => ({ ...v, parcels: v.parcels.filter((_, i) => i !== pi) })),
    /** A package preset fills the dimensions (and its usual weight, if it has one); the items stay. */
    choosePreset: (pi: number, presetId: string) => {
      const preset = settings.packagePresets.find((p) => p.id === presetId);
      const parcel = values.parcels[pi]!;
      setParcel(
        pi,
        { ...parcelFromPreset(preset, parcel.items), weight: preset?.weight?.toString() ?? parcel.weight },
        `shipment.parcels[${pi}].dimension`,
      );
    },
    /** A new item takes the currency of the one above it. */
    addItem: (pi: number) => {
      const items = values.parcels[pi]!.items;
      setParcel(pi, { items: [...items, emptyItem(items.at(-1)?.currency)] }, `shipment.parcels[${pi}].items`);
    },
    removeItem: (pi: number, ii: number) =>
      setParcel(pi, { items: values.parcels[pi]!.items.filter((_, j) => j !== ii) }, `shipment.parcels[${pi}].items`),
  };
  const serviceOptions = {
    set: (i: number, patch: Partial<{ code: string; value: string }>) =>
      set(
        'serviceOptions',
        values.serviceOptions.map((x, j) => (j === i ? { ...x, ...patch } : x)),
        `serviceOptions[${i}].${'code' in patch ? 'code' : 'value'}`,
      ),
    add: () => set('serviceOptions', [...values.serviceOptions, { code: '', value: '' }], 'serviceOptions'),
    remove: (i: number) =>
      set(
        'serviceOptions',
        values.serviceOptions.filter((_, j) => j !== i),
        'serviceOptions',
      ),
  };
  /** Another courier has other products: the product is chosen again. */
  const chooseCourier = (courier: string) => {
    touch('courier');
    setValues((v) => ({ ...v, courier, productCode: '' }));
  };

  /** Focuses the first field, in the order the operator sees them, that has one of these errors. */
  const focusFirstError = (keys: string[]) => {
    requestAnimationFrame(() => {
      const fields = [...(formRef.current?.querySelectorAll<HTMLElement>('[name]') ?? [])];
      fields.find((el) => keys.some((k) => within(el.getAttribute('name')!, k)))?.focus();
    });
  };

  const create = useAction(
    (request: { draft: LabelDraft; another?: boolean; confirmDuplicateOf?: string; weightConfirmed?: boolean }) =>
      station().labels.create(request),
    {
      // A request that ended in doubt is listed on the New label screen until it is resolved.
      invalidates: [queryKeys.unresolved],
      onSuccess: (outcome) => {
        setServerErrors({});
        setDuplicate(null);
        // A created label locks the form: pressing Create again could only buy the same label twice.
        if (outcome.kind === 'created') {
          setLocked(true);
          setCopyOf(null);
        }
        onOutcome(outcome);
      },
      onError: (error) => {
        if (error.code === 'weight_implausible') return weight.refusedByMain(error.message);
        const question = duplicateQuestion(error);
        if (question) return setDuplicate(question);
        if (!error.fields) return;
        setServerErrors(error.fields);
        focusFirstError(Object.keys(error.fields));
      },
    },
  );

  /**
   * Creates the label. `another`: the explicit "create another label for this order", with a new
   * key; `confirmDuplicateOf`: the operator chose "Buy another label" for the shipment main named.
   * A copy made with "Duplicate" is an explicit new purchase of both kinds.
   */
  const submit = async (event?: FormEvent, another = false, confirmDuplicateOf?: string) => {
    event?.preventDefault();
    if (create.pending || locked) return;
    setSubmitted(true);
    create.clearError();
    setDuplicate(null);
    if (Object.keys(clientErrors).length) return focusFirstError(Object.keys(clientErrors));
    if (weight.needed && !weight.confirmed) return weight.ask();
    const confirm = confirmDuplicateOf ?? copyOf?.labelId;
    await create.run({
      draft,
      ...(another || copyOf ? { another: true } : {}),
      ...(confirm ? { confirmDuplicateOf: confirm } : {}),
      ...(weight.confirmed ? { weightConfirmed: true } : {}),
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };
  /** New label: a fresh form from the defaults as they are now. */
  const reset = () => load(emptyForm(settings.defaults, settings.packagePresets, settings.senders), null);
  /** Fills the form (unlocked) with these values; `source`: they are a copy of that label ("Duplicate"). */
  const load = (next: ShipmentFormValues, source: DuplicateSource | null) => {
    setValues(next);
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
    setLocked(false);
    setCopyOf(source);
    setDuplicate(null);
    weight.reset();
    create.clearError();
  };
  /** "Duplicate" of the label this form created: the same values, unlocked, creating it buys a new label. */
  const duplicateCreated = (source: DuplicateSource) => load(values, source);
  /** A recent recipient chosen while typing a name: fills the recipient's name and address. */
  const chooseRecipient = (party: Party) => setParty('shipTo', draftFromParty(party));

  return {
    values,
    draft,
    errors,
    /** How many fields the schema still objects to. */
    problems: Object.keys(clientErrors).length,
    submitted,
    serverErrors,
    // A duplicate_shipment refusal is asked as a question (`duplicate`), not shown as an error.
    formError: create.error && !duplicateQuestion(create.error) ? create.error : null,
    locked,
    /** The weight plausibility warnings and their confirmation. */
    weight,
    copyOf,
    duplicate,
    dismissDuplicate: () => setDuplicate(null),
    load,
    duplicateCreated,
    chooseRecipient,
    busy: create.pending,
    couriers,
    products,
    units: unitLabels(values.units),
    formRef,
    set,
    setParty,
    setParcel,
    setItem,
    parcels,
    serviceOptions,
    chooseCourier,
    submit,
    onKeyDown,
    reset,
  };
}
export type ShipmentFormState = ReturnType<typeof useShipmentForm>;
