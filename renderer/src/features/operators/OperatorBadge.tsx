import { useEffect, useState } from 'react';
import type { SignedInOperator } from '../../../../shared/domain/operators';
import { loadNamespaces, useT } from '../../i18n';
import { station } from '../../station';
import './operators.css';

/** The shell's "Signed in: Aiko (Supervisor) · Sign out"; its words load with it (no keys flash). */
export function OperatorBadge({ operator }: { operator: SignedInOperator }) {
  const [ready, setReady] = useState(false);
  useEffect(() => void loadNamespaces(['operators']).then(() => setReady(true)), []);
  return ready ? <Badge operator={operator} /> : null;
}

function Badge({ operator }: { operator: SignedInOperator }) {
  const { t } = useT('operators');
  return (
    <div className="operator-badge" data-testid="operator-badge">
      <span>
        {t('badge.signedIn')}: <strong>{operator.name}</strong> ({t(`role.${operator.role}`)})
      </span>
      <button type="button" onClick={() => void station().operators.signOut()}>
        {t('badge.signOut')}
      </button>
    </div>
  );
}
