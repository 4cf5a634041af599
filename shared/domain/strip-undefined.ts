/**
 * Drops `undefined` entries from an object, deeply (in nested objects and in the objects of
 * arrays; array elements themselves are kept), so optional fields left blank are absent
 * rather than present and undefined. Used on label drafts by the New label form and the
 * batch import; everything else is returned as it is.
 */
export function stripUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripUndefined) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, stripUndefined(v)]),
    ) as T;
  }
  return value;
}
