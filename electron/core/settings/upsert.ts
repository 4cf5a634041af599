import { randomUUID } from 'node:crypto';

/** Replaces the item with the same id, or appends it with a new id; returns the id. For the settings' lists (senders, presets, printer profiles). */
export function upsert<T extends { id: string }>(list: T[], item: Omit<T, 'id'> & { id?: string }): string {
  const saved = { ...item, id: item.id ?? randomUUID() } as T;
  const index = list.findIndex((x) => x.id === saved.id);
  if (index >= 0) list[index] = saved;
  else list.push(saved);
  return saved.id;
}
