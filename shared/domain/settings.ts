import { z } from 'zod';
import { EnvironmentId } from './environment';

/** The station's settings file (electron-store in the app, Conf in tests). */
export const Settings = z.object({
  activeEnvironment: EnvironmentId.default('development'),
});
export type Settings = z.infer<typeof Settings>;
