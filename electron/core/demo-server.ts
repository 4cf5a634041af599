import { DEMO_ACCOUNTS, DEMO_TOKEN, startSimulator, type SimulatorOptions } from '../simulator';
import type { DemoServer } from './connections';
import { stationLanguage } from './i18n';

/** Demo mode: the embedded simulator on a random loopback port, with its demo token and shipper accounts; its labels speak the station's language. */
export async function startDemoServer(options: SimulatorOptions = {}): Promise<DemoServer> {
  const simulator = await startSimulator({ port: 0, language: stationLanguage, ...options });
  return { url: simulator.url, token: DEMO_TOKEN, accounts: DEMO_ACCOUNTS, close: () => simulator.close() };
}
