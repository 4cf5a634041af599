import type { z } from 'zod';
import { formatPath } from '../../shared/ipc/result';

/** One entry of the API's 400 body: `{"field": "shipment.parcels[0].weight", "message": "…"}`. */
export interface ValidationDetail {
  field: string;
  message: string;
}

/** Field name used when the problem is the body as a whole (not JSON, not an object). */
export const BODY_FIELD = '(body)';

/**
 * Maps zod issues to `details[]`. An unknown field is reported at its own path
 * (`shipment.foo`), one detail per key, so a form can point at it.
 */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): ValidationDetail[] {
  const details: ValidationDetail[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) details.push({ field: formatPath([...issue.path, key]) || BODY_FIELD, message: issue.message });
    } else {
      details.push({ field: formatPath(issue.path) || BODY_FIELD, message: issue.message });
    }
  }
  const seen = new Set<string>();
  return details.filter((d) => {
    const id = `${d.field}\u0000${d.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export const validationFailed = (details: ValidationDetail[]) => ({ error: 'Validation failed', details });
