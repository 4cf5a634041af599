import type { CreateLabelRequest } from '../../shared/flexforward/schemas';

/** LabelResult exactly as the simulator sends it: every field present, nulls when empty. */
export interface LabelResultBody {
  id: string;
  status: 'created' | 'failed';
  courier: string;
  customerOrderNumber: string;
  courierOrderNumber: string | null;
  courierTrackingNumber: string | null;
  error: { code: string; message: string } | null;
}

export interface StoredLabel {
  id: string;
  /** Owner: labels are scoped to the token that created them. */
  token: string;
  idempotencyKey: string;
  /** Simulator-clock time of creation; tracking progresses from here. */
  createdAt: number;
  format: 'pdf' | 'png';
  request: CreateLabelRequest;
  result: LabelResultBody;
}

export type Resolution = { kind: 'found'; label: StoredLabel } | { kind: 'forbidden' } | { kind: 'missing' };

/** In-memory labels, indexed by id, by (token, idempotencyKey) and by (token, customerOrderNumber). */
export class LabelStore {
  private readonly byId = new Map<string, StoredLabel>();
  private readonly byKey = new Map<string, Map<string, StoredLabel>>();
  private readonly byOrder = new Map<string, Map<string, StoredLabel[]>>();

  add(label: StoredLabel): void {
    this.byId.set(label.id, label);
    scoped(this.byKey, label.token).set(label.idempotencyKey, label);
    const orders = scoped(this.byOrder, label.token);
    const list = orders.get(label.result.customerOrderNumber) ?? [];
    list.push(label);
    orders.set(label.result.customerOrderNumber, list);
  }

  /** The label an earlier request with this key stored, if any (keys are scoped per token). */
  byIdempotencyKey(token: string, key: string): StoredLabel | undefined {
    return this.byKey.get(token)?.get(key);
  }

  byDocumentId(id: string): StoredLabel | undefined {
    return this.byId.get(id);
  }

  /**
   * Resolves a label id or customerOrderNumber for `token`. Another token's label id is
   * `forbidden`; order numbers are per token, so another token's order number is `missing`.
   * Several labels with one order number: the newest created one wins (else the newest).
   */
  resolve(token: string, ident: string): Resolution {
    const label = this.byId.get(ident);
    if (label) return label.token === token ? { kind: 'found', label } : { kind: 'forbidden' };
    const list = this.byOrder.get(token)?.get(ident);
    if (!list?.length) return { kind: 'missing' };
    const created = list.filter((l) => l.result.status === 'created');
    const pick = (created.length ? created : list).at(-1);
    return pick ? { kind: 'found', label: pick } : { kind: 'missing' };
  }
}

function scoped<V>(map: Map<string, Map<string, V>>, token: string): Map<string, V> {
  let inner = map.get(token);
  if (!inner) {
    inner = new Map();
    map.set(token, inner);
  }
  return inner;
}
