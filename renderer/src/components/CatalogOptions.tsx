/** The options of a courier or product picker: "Name (CODE)", or the code alone when the API gives no name. */
export function CatalogOptions({ items, placeholder }: { items: readonly { code: string; name?: string | null }[]; placeholder: string }) {
  return (
    <>
      <option value="">{placeholder}</option>
      {items.map((item) => (
        <option key={item.code} value={item.code}>
          {item.name ? `${item.name} (${item.code})` : item.code}
        </option>
      ))}
    </>
  );
}
