/**
 * The Flex Forward simulator: a faithful HTTP stand-in for the Flex Forward Shipping API on
 * 127.0.0.1. Demo mode starts it from the Electron main process; every test talks to it.
 * Electron-free and test-library-free by design. See README.md for behaviour and triggers.
 */
export { DEMO_ACCOUNTS, DEMO_TOKEN } from './demo';
export { startSimulator } from './server';
export { TIMELINES, TRACKING_SETTLED_AFTER_MS, MINUTE } from './tracking';
export { MAX_BATCH } from './routes/labels';
export type {
  CheckpointOrder,
  Simulator,
  SimulatorFaults,
  SimulatorOptions,
  SimulatorRequestRecord,
  SimulatorStats,
  SimulatorToken,
} from './types';
