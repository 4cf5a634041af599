// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider } from '../../renderer/src/data/hooks';
import { OperatorsSection } from '../../renderer/src/features/operators/OperatorsSection';
import type { Operator, OperatorSession } from '../../shared/domain/operators';
import { installFakeStation, ok } from './fake-station';
import { appInfo } from './fixtures';

afterEach(cleanup);

const sam: Operator = { id: 'op-sam', name: 'Sam', role: 'supervisor', active: true, createdAt: 1 };
const pia: Operator = { id: 'op-pia', name: 'Pia', role: 'packer', active: true, createdAt: 1 };
const session: OperatorSession = {
  workgroup: true,
  required: true,
  firstOperator: false,
  operator: { id: sam.id, name: 'Sam', role: 'supervisor' },
};

describe('Settings → Operators', () => {
  it('lists again when another station adds or changes an operator (live:changed operators), not for labels', async () => {
    let operators = [sam];
    let asked = 0;
    const station = installFakeStation({
      'app:info': () => ok(appInfo()),
      'operators:session': () => ok(session),
      'operators:list': () => {
        asked++;
        return ok(operators);
      },
    });
    render(
      <DataProvider>
        <OperatorsSection />
      </DataProvider>,
    );
    expect(await screen.findByRole('cell', { name: /^Sam/ })).toBeTruthy();
    expect(asked).toBe(1);
    act(() => station.emit('live:changed', { kind: 'labels' }));
    operators = [sam, pia];
    act(() => station.emit('live:changed', { kind: 'operators' }));
    expect(await screen.findByRole('cell', { name: 'Pia' })).toBeTruthy();
    await waitFor(() => expect(asked).toBe(2));
  });
});
