import { describe, expect, it } from 'vitest';
import type { ListStore } from '../../electron/core/settings/list-store';
import { createListCache } from '../../electron/core/workgroup/shared-lists';

// Issue 18's scan overhead: a workgroup station keeps the shared lists it read while it hears
// live updates, and reads them again after a 'lists' notification, its own write, or when not listening.

type Item = { id: string; name: string };
function countingStore(items: Item[]) {
  const counts = { list: 0 };
  let gate: Promise<void> | null = null;
  const store: ListStore<Item> = {
    async list() {
      counts.list++;
      const copy = items.map((x) => ({ ...x }));
      if (gate) await gate;
      return copy;
    },
    get: async () => {
      throw new Error('the cache reads lists, not items');
    },
    async save(item) {
      const i = items.findIndex((x) => x.id === item.id);
      if (i >= 0) items[i] = item;
      else items.push(item);
    },
    async remove(id) {
      const i = items.findIndex((x) => x.id === id);
      if (i >= 0) items.splice(i, 1);
      return i >= 0;
    },
  };
  return { store, counts, hold: (p: Promise<void> | null) => (gate = p) };
}

describe('the shared lists a station keeps', () => {
  it('answers get from one read while listening, and reads again after forget', async () => {
    const { store, counts } = countingStore([{ id: 'a', name: 'A' }]);
    const cache = createListCache(() => true);
    const list = cache.list(store);
    expect(await list.get('a')).toEqual({ id: 'a', name: 'A' });
    expect(await list.get('a')).toEqual({ id: 'a', name: 'A' });
    expect(await list.get('missing')).toBeNull();
    expect(counts.list).toBe(1);
    cache.forget();
    await list.get('a');
    expect(counts.list).toBe(2);
  });

  it('keeps nothing while not listening', async () => {
    let listening = false;
    const { store, counts } = countingStore([{ id: 'a', name: 'A' }]);
    const list = createListCache(() => listening).list(store);
    await list.get('a');
    await list.get('a');
    expect(counts.list).toBe(2);
    listening = true;
    await list.get('a');
    await list.get('a');
    expect(counts.list).toBe(3);
    listening = false; // The connection broke: a change now would not be heard.
    await list.get('a');
    expect(counts.list).toBe(4);
  });

  it("reads again after this station's own write, and a screen's list always reads", async () => {
    const { store, counts } = countingStore([{ id: 'a', name: 'A' }]);
    const list = createListCache(() => true).list(store);
    await list.get('a');
    await list.save({ id: 'a', name: 'A2' });
    expect(await list.get('a')).toEqual({ id: 'a', name: 'A2' });
    expect(await list.remove('a')).toBe(true);
    expect(await list.get('a')).toBeNull();
    const before = counts.list;
    await list.list();
    await list.list();
    expect(counts.list).toBe(before + 2);
  });

  it('does not keep a read that a notification overtook', async () => {
    const { store, counts, hold } = countingStore([{ id: 'a', name: 'old' }]);
    const cache = createListCache(() => true);
    const list = cache.list(store);
    let release!: () => void;
    hold(new Promise<void>((r) => (release = r)));
    const pending = list.get('a');
    cache.forget(); // Heard while the read was under way: what it answers may be older.
    hold(null);
    release();
    expect((await pending)?.name).toBe('old');
    await list.get('a');
    expect(counts.list).toBe(2);
  });

  it('hands out copies: changing what a caller got does not change what is kept', async () => {
    const { store } = countingStore([{ id: 'a', name: 'A' }]);
    const list = createListCache(() => true).list(store);
    const got = (await list.get('a'))!;
    got.name = 'changed';
    expect((await list.get('a'))?.name).toBe('A');
  });
});
