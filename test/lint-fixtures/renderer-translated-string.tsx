import { useT } from '../../renderer/src/i18n';

export function Greeting({ name }: { name: string }) {
  const { t } = useT('common');
  return (
    <p title={t('language.label')} className="greeting" id="hello" aria-describedby="hello-hint">
      {t('language.hint')} {name}
    </p>
  );
}
