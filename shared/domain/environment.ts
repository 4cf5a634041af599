import { z } from 'zod';

/** The API environments a station can talk to. Demo is the embedded simulator. */
export const EnvironmentId = z.enum(['development', 'production', 'custom', 'demo']);
export type EnvironmentId = z.infer<typeof EnvironmentId>;

export const environmentLabels: Record<EnvironmentId, string> = {
  development: 'Development',
  production: 'Production',
  custom: 'Custom',
  demo: 'Demo',
};

/**
 * Default base URLs follow the environments page of the seed documentation; the hosts named
 * in the current OpenAPI `servers` block are offered as alternatives (SPEC.md §2, §14.1).
 */
export const defaultBaseUrls = {
  development: 'https://sandbox.flexforward.com',
  production: 'https://api.flexforward.com',
} as const;

export const alternativeBaseUrls = {
  development: ['https://api-staging.flexforwardship.com'],
  production: ['https://api.flexforwardship.com'],
} as const;
