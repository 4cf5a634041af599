import { useState } from 'react';
import { useT } from '../../i18n';
import { HandoverDialog } from './HandoverDialog';

/** "Hand-over sheet": opens the dialog (History's toolbar, Today). */
export function HandoverButton() {
  const { t } = useT('handover');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t('open')}
      </button>
      {open && <HandoverDialog onClose={() => setOpen(false)} />}
    </>
  );
}
