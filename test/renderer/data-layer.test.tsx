// @vitest-environment happy-dom
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider, useAction, useQuery } from '../../renderer/src/data/hooks';
import { queryKeys } from '../../renderer/src/data/keys';
import { useAppInfo, useSettingsChange, useSettingsView } from '../../renderer/src/data/queries';
import { createQueryCache, NO_ANSWER } from '../../renderer/src/data/query-cache';
import { station } from '../../renderer/src/station';
import type { SettingsView } from '../../shared/ipc/contract';
import { deferred, failed, installFakeStation, ok } from './fake-station';
import { appInfo, settingsView } from './fixtures';

afterEach(cleanup);

const withData = (cache = createQueryCache()) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <DataProvider cache={cache}>{children}</DataProvider>;
  };

/** Shows the settings' default courier (or why there is none): one of several screens that need settings. */
function CourierOf({ name }: { name: string }) {
  const { data, error } = useSettingsView();
  return <p data-testid={name}>{data ? (data.defaults.courier ?? 'none') : error ? `error: ${error.message}` : 'loading'}</p>;
}

/** A settings view whose default courier says how many times main was asked. */
function countingSettings() {
  let reads = 0;
  const fake = installFakeStation({
    'settings:get': () => ok(settingsView({ defaults: { ...settingsView().defaults, courier: `read-${++reads}` } })),
  });
  return { fake, reads: () => reads };
}

describe('useQuery: one answer shared by every component that asks for the same key', () => {
  it('asks main once for all the components shown together, and not again for one shown later', async () => {
    const { fake } = countingSettings();
    const Wrapper = withData();
    const { rerender } = render(
      <Wrapper>
        <CourierOf name="a" />
        <CourierOf name="b" />
        <CourierOf name="c" />
      </Wrapper>,
    );
    for (const name of ['a', 'b', 'c']) await waitFor(() => expect(screen.getByTestId(name).textContent).toBe('read-1'));
    rerender(
      <Wrapper>
        <CourierOf name="a" />
        <CourierOf name="b" />
        <CourierOf name="c" />
        <CourierOf name="later" />
      </Wrapper>,
    );
    expect(screen.getByTestId('later').textContent).toBe('read-1');
    expect(fake.callsTo('settings:get')).toHaveLength(1);
  });

  it('gives an error as a value, keeps no error once a read works, and reads a call that never answered as NO_ANSWER', async () => {
    let answer: 'refused' | 'works' | 'throws' = 'refused';
    installFakeStation({
      'settings:get': () => {
        if (answer === 'throws') throw new Error('ipc gone');
        return answer === 'refused' ? failed('internal', 'The settings could not be read.') : ok(settingsView());
      },
    });
    const { result } = renderHook(() => useSettingsView(), { wrapper: withData() });
    await waitFor(() => expect(result.current.error).toEqual({ code: 'internal', message: 'The settings could not be read.' }));
    expect(result.current.data).toBeUndefined();
    answer = 'works';
    await act(() => result.current.reload());
    expect(result.current).toMatchObject({ data: settingsView(), error: null, loading: false });
    // A failed read again keeps the last good answer on screen, with the error beside it.
    answer = 'throws';
    await act(() => result.current.reload());
    expect(result.current).toMatchObject({ data: settingsView(), error: NO_ANSWER });
  });

  it('keeps only the latest read: an answer overtaken by a newer read is dropped', async () => {
    const slow = deferred<ReturnType<typeof ok<SettingsView>>>();
    let reads = 0;
    installFakeStation({ 'settings:get': () => (++reads === 1 ? slow.promise : ok(settingsView({ defaultLabelProfileId: 'newer' }))) });
    const { result } = renderHook(() => useSettingsView(), { wrapper: withData() });
    await waitFor(() => expect(reads).toBe(1));
    await act(() => result.current.reload());
    expect(result.current.data?.defaultLabelProfileId).toBe('newer');
    await act(async () => slow.resolve(ok(settingsView({ defaultLabelProfileId: 'older' }))));
    expect(result.current.data?.defaultLabelProfileId).toBe('newer');
  });

  it('asks nothing for a null key, and reads again on mount only when asked to', async () => {
    const fake = installFakeStation({
      'labels:unresolved': () => ok([]),
      'catalog:couriers': () => ok({ available: false as const, reason: 'none' }),
    });
    const cache = createQueryCache();
    const { result } = renderHook(() => useQuery<never>(null, () => Promise.reject(new Error('must not be called'))), {
      wrapper: withData(cache),
    });
    expect(result.current).toMatchObject({ data: undefined, error: null, loading: false });

    const fresh = () =>
      renderHook(() => useQuery(queryKeys.unresolved, () => station().labels.unresolved(), { refetchOnMount: true }), {
        wrapper: withData(cache),
      });
    const cached = () => renderHook(() => useQuery(queryKeys.couriers, () => station().catalog.couriers({})), { wrapper: withData(cache) });
    for (let i = 0; i < 2; i++) {
      const a = fresh();
      const b = cached();
      await waitFor(() => expect(a.result.current.data).toEqual([]));
      await waitFor(() => expect(b.result.current.data).toBeDefined());
      a.unmount();
      b.unmount();
    }
    expect(fake.callsTo('labels:unresolved')).toHaveLength(2);
    expect(fake.callsTo('catalog:couriers')).toHaveLength(1);
  });

  it('forgets a transient answer once nothing shows it (label documents), and keeps the others', async () => {
    const fake = installFakeStation({ 'labels:document': ({ id }) => ok({ format: 'png' as const, base64: id }) });
    const cache = createQueryCache();
    const show = () =>
      renderHook(() => useQuery(queryKeys.document('L1'), () => station().labels.document({ id: 'L1' }), { transient: true }), {
        wrapper: withData(cache),
      });
    const first = show();
    await waitFor(() => expect(first.result.current.data).toEqual({ format: 'png', base64: 'L1' }));
    first.unmount();
    await act(async () => undefined);
    expect(cache.get(queryKeys.document('L1')).data).toBeUndefined();
    const again = show();
    await waitFor(() => expect(again.result.current.data).toBeDefined());
    expect(fake.callsTo('labels:document')).toHaveLength(2);
  });
});

describe('useAction: runs a call and updates what it changed', () => {
  it('invalidates its keys on success: shown queries are read again, the others when next shown', async () => {
    const { fake } = countingSettings();
    fake.handlers['presets:remove'] = () => ok(settingsView());
    fake.handlers['app:info'] = () => ok(appInfo());
    const cache = createQueryCache();
    const { result } = renderHook(
      () => ({
        settings: useSettingsView(),
        remove: useAction((id: string) => station().presets.remove({ id }), { invalidates: [queryKeys.settings, queryKeys.appInfo] }),
      }),
      {
        wrapper: withData(cache),
      },
    );
    await waitFor(() => expect(result.current.settings.data?.defaults.courier).toBe('read-1'));
    let answer: unknown;
    await act(async () => {
      answer = await result.current.remove.run('p1');
    });
    expect(answer).toEqual(ok(settingsView()));
    await waitFor(() => expect(result.current.settings.data?.defaults.courier).toBe('read-2'));
    expect(fake.callsTo('presets:remove')).toEqual([{ id: 'p1' }]);
    // app:info was not shown: nothing asked main for it yet.
    expect(fake.callsTo('app:info')).toHaveLength(0);
  });

  it('on failure keeps the error, changes no query, and says pending while it runs', async () => {
    const { fake } = countingSettings();
    const answer = deferred<ReturnType<typeof failed>>();
    fake.handlers['presets:save'] = () => answer.promise;
    const { result } = renderHook(() => ({ settings: useSettingsView(), save: useSettingsChange() }), { wrapper: withData() });
    await waitFor(() => expect(result.current.settings.data).toBeDefined());
    let run!: Promise<unknown>;
    act(() => {
      run = result.current.save.run(() => station().presets.save({ name: '' }));
    });
    expect(result.current.save.pending).toBe(true);
    await act(async () => {
      answer.resolve(failed('invalid_input', 'The request was not valid.', { name: 'Give the package a name.' }));
      await run;
    });
    expect(result.current.save).toMatchObject({
      pending: false,
      error: { code: 'invalid_input', fields: { name: 'Give the package a name.' } },
    });
    expect(fake.callsTo('settings:get')).toHaveLength(1);
    act(() => result.current.save.clearError());
    expect(result.current.save.error).toBeNull();
  });

  it('a settings change sets the settings to its answer (no second read) and marks app:info stale', async () => {
    const { fake } = countingSettings();
    fake.handlers['settings:setDefaults'] = (patch) => ok(settingsView({ defaults: { ...settingsView().defaults, ...patch } }));
    let infos = 0;
    fake.handlers['app:info'] = () => ok(appInfo({ version: `info-${++infos}` }));
    const { result } = renderHook(() => ({ settings: useSettingsView(), info: useAppInfo(), change: useSettingsChange() }), {
      wrapper: withData(),
    });
    await waitFor(() => expect(result.current.info.data?.version).toBe('info-1'));
    await act(() => result.current.change.run(() => station().settings.setDefaults({ courier: 'ups' })));
    expect(result.current.settings.data?.defaults.courier).toBe('ups');
    await waitFor(() => expect(result.current.info.data?.version).toBe('info-2'));
    expect(fake.callsTo('settings:get')).toHaveLength(1);
  });
});

describe("main's settings:changed event", () => {
  it('reads the settings, app:info and the catalogs again, and nothing else', async () => {
    const { fake } = countingSettings();
    fake.handlers['app:info'] = () => ok(appInfo());
    fake.handlers['labels:unresolved'] = () => ok([]);
    fake.handlers['catalog:couriers'] = () => ok({ available: false as const, reason: 'none' });
    const { result } = renderHook(
      () => ({
        settings: useSettingsView(),
        info: useAppInfo(),
        unresolved: useQuery(queryKeys.unresolved, () => station().labels.unresolved()),
        couriers: useQuery(queryKeys.couriers, () => station().catalog.couriers({})),
      }),
      { wrapper: withData() },
    );
    await waitFor(() => expect(result.current.settings.data?.defaults.courier).toBe('read-1'));
    await waitFor(() => expect(result.current.unresolved.data).toEqual([]));
    await waitFor(() => expect(result.current.couriers.data).toBeDefined());
    expect(fake.listenerCount('settings:changed')).toBe(1);

    act(() => fake.emit('settings:changed', {}));
    await waitFor(() => expect(result.current.settings.data?.defaults.courier).toBe('read-2'));
    await waitFor(() => expect(fake.callsTo('app:info')).toHaveLength(2));
    await waitFor(() => expect(fake.callsTo('catalog:couriers')).toHaveLength(2));
    expect(fake.callsTo('labels:unresolved')).toHaveLength(1);
  });

  it('stops listening when the provider goes', () => {
    const fake = installFakeStation({});
    const { unmount } = render(<DataProvider>{null}</DataProvider>);
    expect(fake.listenerCount('settings:changed')).toBe(1);
    unmount();
    expect(fake.listenerCount('settings:changed')).toBe(0);
  });
});
