import type { CatalogAnswer } from '../../../../shared/ipc/contract';
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CreateOutcome, LabelDraft } from '../../../../shared/domain/label-draft';
import type { Courier, Product } from '../../../../shared/flexforward/schemas';
import { unitLabels } from '../../../../shared/domain/settings';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { partyFieldPaths, type PartyDraft } from '../../components/PartyFields';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
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

/** A picker's list: the API's, or why there is none (then the field takes a typed code). Null while it loads. */
/** A picker's list as the contract defines it (shared/ipc/contract.ts), or null while it is being asked for. */
export type Catalog<T> = CatalogAnswer<T> | null;

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
  // Schema messages show once a field was edited (or after a submit attempt); the API's stay until the field changes.
  const errors: Record<string, string> = {
    ...Object.fromEntries(Object.entries(clientErrors).filter(([k]) => submitted || touched.has(k))),
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

  const create = useAction((request: { draft: LabelDraft; another?: boolean }) => station().labels.create(request), {
    // A request that ended in doubt is listed on the New label screen until it is resolved.
    invalidates: [queryKeys.unresolved],
    onSuccess: (outcome) => {
      setServerErrors({});
      onOutcome(outcome);
    },
    onError: (error) => {
      if (!error.fields) return;
      setServerErrors(error.fields);
      focusFirstError(Object.keys(error.fields));
    },
  });

  /** Creates the label (`another`: the explicit "create another label for this order", with a new key). */
  const submit = async (event?: FormEvent, another = false) => {
    event?.preventDefault();
    if (create.pending) return;
    setSubmitted(true);
    create.clearError();
    if (Object.keys(clientErrors).length) return focusFirstError(Object.keys(clientErrors));
    await create.run(another ? { draft, another } : { draft });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };
  /** New label: a fresh form from the defaults as they are now. */
  const reset = () => {
    setValues(emptyForm(settings.defaults, settings.packagePresets, settings.senders));
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
    create.clearError();
  };

  return {
    values,
    draft,
    errors,
    /** How many fields the schema still objects to. */
    problems: Object.keys(clientErrors).length,
    submitted,
    serverErrors,
    formError: create.error,
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
