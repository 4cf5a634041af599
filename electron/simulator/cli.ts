/**
 * Standalone simulator: `npm run simulator -- --port 4010 --token T --account UUID …`.
 * Prints `Flex Forward simulator listening on http://127.0.0.1:<port>` once it accepts requests.
 */
import { parseArgs } from 'node:util';
import { DEMO_ACCOUNTS, DEMO_TOKEN } from './demo';
import { startSimulator } from './server';
import type { SimulatorFaults, SimulatorOptions } from './types';

const USAGE = `Usage: npm run simulator -- [options]
  --port N                 port on 127.0.0.1 (default 4010; 0 picks a free one)
  --token T                accepted bearer token (default: the demo token)
  --account UUID           shipper account the token may use (repeatable; default: demo accounts)
  --latency-ms N           fixed delay before every API answer
  --jitter-ms N            extra random delay 0..N ms
  --fail-500 P             probability 0..1 of answering 500
  --drop-after-create P    probability 0..1 of dropping the connection after a label is created
  --hang P                 probability 0..1 of never answering
  --malformed-json P       probability 0..1 of a truncated JSON body on 2xx answers
  --rate-limit N           answer 429 with Retry-After above N requests per second per token
  --seed N                 seed of the fault PRNG (default 1)
  --help                   show this text`;

class UsageError extends Error {}

function number(
  name: string,
  value: string | undefined,
  { min = 0, max = Number.POSITIVE_INFINITY, integer = false } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} between ${min} and ${max}, got "${value}".`);
  }
  return n;
}

function parseCli(argv: string[]): SimulatorOptions & { help: boolean; usesDemoCredentials: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      account: { type: 'string', multiple: true },
      'latency-ms': { type: 'string' },
      'jitter-ms': { type: 'string' },
      'fail-500': { type: 'string' },
      'drop-after-create': { type: 'string' },
      hang: { type: 'string' },
      'malformed-json': { type: 'string' },
      'rate-limit': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const probability = (name: string, v: string | undefined) => number(name, v, { max: 1 });
  const faults: SimulatorFaults = {
    error500: probability('fail-500', values['fail-500']),
    dropAfterCreate: probability('drop-after-create', values['drop-after-create']),
    hang: probability('hang', values.hang),
    malformedJson: probability('malformed-json', values['malformed-json']),
  };
  const rate = number('rate-limit', values['rate-limit'], { min: 1, integer: true });
  const usesDemoCredentials = values.token === undefined && values.account === undefined;
  const options: SimulatorOptions & { help: boolean; usesDemoCredentials: boolean } = {
    help: values.help ?? false,
    usesDemoCredentials,
    port: number('port', values.port ?? '4010', { max: 65535, integer: true }) ?? 4010,
    tokens: [
      {
        token: values.token ?? DEMO_TOKEN,
        accounts: values.account ?? DEMO_ACCOUNTS.map((a) => a.id),
      },
    ],
    latencyMs: number('latency-ms', values['latency-ms']) ?? 0,
    jitterMs: number('jitter-ms', values['jitter-ms']) ?? 0,
    faults,
    seed: number('seed', values.seed, { min: -(2 ** 31), max: 2 ** 32, integer: true }) ?? 1,
  };
  if (rate !== undefined) options.rateLimit = { perSecond: rate };
  return options;
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCli>;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { help: _help, usesDemoCredentials, ...simOptions } = options;
  const sim = await startSimulator(simOptions);
  const lines = [`Flex Forward simulator listening on ${sim.url}`];
  const token = simOptions.tokens?.[0];
  if (usesDemoCredentials) {
    lines.push(`Demo token: ${DEMO_TOKEN}`);
    for (const account of DEMO_ACCOUNTS) lines.push(`Demo shipper account: ${account.id} (${account.name})`);
  } else if (token) {
    lines.push(`Shipper accounts: ${token.accounts.length ? token.accounts.join(', ') : '(none)'}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, stopping.\n`);
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
