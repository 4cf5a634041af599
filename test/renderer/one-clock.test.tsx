// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabelRecord } from '../../shared/domain/labels';
import { DataProvider } from '../../renderer/src/data/hooks';
import { HistoryScreen } from '../../renderer/src/features/history/HistoryScreen';
import { StatusView } from '../../renderer/src/features/status/StatusView';
import { installFakeStation, ok } from './fake-station';
import { appInfo } from './fixtures';

// The document preview loads pdf.js, which this test does not need.
vi.mock('../../renderer/src/features/labels/DocumentPreview', () => ({ DocumentPreview: () => null }));

afterEach(cleanup);

/** The station's clock (app:info) is Tokyo, whatever zone this test process runs in. 20:33 UTC is 05:33 the next day there. */
const AT = Date.UTC(2026, 11, 1, 20, 33);
const tokyoInfo = appInfo({
  clock: { timeZone: 'Asia/Tokyo', locale: 'en-GB' },
  environment: { id: 'development', label: 'Development', production: false },
});
const tokyo = () => ok(tokyoInfo);

const label: LabelRecord = {
  id: '0b6c1f2e-0000-4000-8000-000000000001',
  environment: 'development',
  accountId: null,
  idempotencyKey: 'SO-1',
  status: 'created',
  courier: 'yunexpress',
  productCode: 'YEXP01',
  customerOrderNumber: 'SO-1',
  platformOrderNumber: null,
  courierOrderNumber: null,
  trackingNumber: 'YT0000000000000001',
  recipientName: 'Maria Garcia',
  recipientCountry: 'US',
  recipientCity: 'Los Angeles',
  errorCode: null,
  errorMessage: null,
  createdAt: AT,
  documentUrl: null,
  documentFormat: null,
  documentStored: false,
  trackingTag: null,
  trackingMessage: null,
  trackingUpdatedAt: null,
};

describe('screens use the station clock', () => {
  it('Status shows a refused token with the time it was refused, in the station zone', async () => {
    installFakeStation({
      'app:info': () =>
        ok({ ...tokyoInfo, token: { set: true, lastFour: '9d1e', verifiedAt: null, refusedAt: new Date(AT).toISOString() } }),
    });
    render(
      <DataProvider>
        <StatusView />
      </DataProvider>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('token-status').textContent).toBe(
        'Refused at 2 Dec 2026, 05:33 — enter a new token in Settings → Environments (token ending …9d1e)',
      ),
    );
  });

  it('History lists times and filters whole days in the station zone', async () => {
    const fake = installFakeStation({ 'app:info': tokyo, 'labels:history': () => ok({ items: [label], nextCursor: null }) });
    render(
      <DataProvider>
        <HistoryScreen />
      </DataProvider>,
    );
    await waitFor(() => expect(screen.getByText('2 Dec 2026, 05:33')).toBeTruthy());
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-02' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-02' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Search history' }));
    await waitFor(() => expect(fake.callsTo('labels:history').some((q) => q.from !== undefined)).toBe(true));
    const query = fake.callsTo('labels:history').find((q) => q.from !== undefined)!;
    // 2 December in Tokyo: from 15:00 UTC on the 1st to just before 15:00 UTC on the 2nd.
    expect({ from: query.from, to: query.to }).toEqual({ from: Date.UTC(2026, 11, 1, 15), to: Date.UTC(2026, 11, 2, 15) - 1 });
  });
});
