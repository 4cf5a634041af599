import { createStation } from '../../electron/core/station';

export const station = createStation;
