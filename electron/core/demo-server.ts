import { DEMO_ACCOUNTS, DEMO_TOKEN, startSimulator, type SimulatorOptions } from '../simulator';
import type { DemoServer } from './connections';

/** Demo mode: the embedded simulator on a random loopback port, with its demo token and shipper accounts. */
export async function startDemoServer(options: SimulatorOptions = {}): Promise<DemoServer> {
  const simulator = await startSimulator({ port: 0, ...options });
  return { url: simulator.url, token: DEMO_TOKEN, accounts: DEMO_ACCOUNTS, close: () => simulator.close() };
}
