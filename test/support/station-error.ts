import { expect } from 'vitest';
import { StationError } from '../../electron/core/errors';

/** Runs `work`, expects it to throw a StationError, and returns its code. */
export const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(StationError);
    return (error as StationError).code;
  }
  throw new Error('expected a StationError');
};
