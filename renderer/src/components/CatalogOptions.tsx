import { useT } from '../i18n';

/** The options of a courier or product picker: "Name (CODE)", or the code alone when the API gives no name. */
export function CatalogOptions({ items, placeholder }: { items: readonly { code: string; name?: string | null }[]; placeholder: string }) {
  const { t } = useT('labels');
  return (
    <>
      <option value="">{placeholder}</option>
      {items.map((item) => (
        <option key={item.code} value={item.code}>
          {item.name ? t('service.catalogOption', { name: item.name, code: item.code }) : item.code}
        </option>
      ))}
    </>
  );
}
