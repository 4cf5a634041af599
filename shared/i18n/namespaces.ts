/**
 * The catalogue's namespaces, one per area of the station (screens and main's sentences of that
 * area together). Each is a JSON file per language in shared/i18n/locales/<language>/.
 */
export const NAMESPACES = [
  'common',
  'shell',
  'onboarding',
  'status',
  'labels',
  'batch',
  'history',
  'scan',
  'settings',
  'printing',
  'tracking',
  'today',
  'handover',
  'documents',
  'errors',
  'exports',
  'workgroup',
  'operators',
] as const;
export type Namespace = (typeof NAMESPACES)[number];
