import { z } from 'zod';

/** The API environments a station can talk to. Demo is the embedded simulator. */
export const EnvironmentId = z.enum(['development', 'production', 'custom', 'demo']);
export type EnvironmentId = z.infer<typeof EnvironmentId>;

/**
 * Each environment's name as a catalogue key (shared/i18n/locales/<language>/settings.json,
 * `environment.*`): the screens show `t(environmentLabelKeys[id])`, main `t(...)` in the
 * station's language (app:info and settings:get carry the translated `label`).
 */
export const environmentLabelKeys = {
  development: 'settings:environment.development',
  production: 'settings:environment.production',
  custom: 'settings:environment.custom',
  demo: 'settings:environment.demo',
} as const satisfies Record<EnvironmentId, `settings:environment.${EnvironmentId}`>;

/**
 * The English names, for code not moved to the catalogue yet (logs, older callers). What a
 * person reads comes from `environmentLabelKeys`.
 */
export const environmentLabels: Record<EnvironmentId, string> = {
  development: 'Development',
  production: 'Production',
  custom: 'Custom',
  demo: 'Demo',
};

/**
 * Default base URLs follow the vendor's environments page; the hosts named in the current
 * OpenAPI `servers` block are offered as alternatives (docs/api-contract.md §2, §14.1).
 */
export const defaultBaseUrls = {
  development: 'https://sandbox.flexforward.com',
  production: 'https://api.flexforward.com',
} as const;

export const alternativeBaseUrls = {
  development: ['https://api-staging.flexforwardship.com'],
  production: ['https://api.flexforwardship.com'],
} as const;

/**
 * Whether `baseUrl` is one of the documented API hosts of Development or Production (the
 * default or a listed alternative), compared by origin (scheme, host and port). Any other
 * address for these two environments is used only after the operator confirms it in a
 * dialog shown by main (electron/core/settings/environments.ts, env:setBaseUrl). Custom is free.
 */
export function isDocumentedApiOrigin(environment: 'development' | 'production', baseUrl: string): boolean {
  const origin = originOf(baseUrl);
  if (!origin) return false;
  return [defaultBaseUrls[environment], ...alternativeBaseUrls[environment]].some((known) => originOf(known) === origin);
}

/** The origin (scheme://host[:port]) of an absolute URL, or null when it is not one. */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
