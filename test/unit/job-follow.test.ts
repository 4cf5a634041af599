import { describe, expect, it } from 'vitest';
import { followJob, type FollowClock, type OsJobStatus } from '../../electron/core/printing/job-follow';
import { getJobAttributesRequest, jobAttributesOf, parseIppResponse } from '../../electron/core/printing/ipp';

/**
 * Following a job with a fake poller and a fake clock: which CUPS states end the follow and
 * how they are recorded, and that the time allowed is a bound (then "sent", not known).
 */

/** A clock that moves only when the follower sleeps. */
function fakeClock(): FollowClock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
}

const status = (state: OsJobStatus['state'], reasons: string[] = [], message: string | null = null): OsJobStatus => ({
  state,
  reasons,
  message,
});

/** Answers the given statuses in turn, then the last one for ever; counts the questions. */
function poller(...answers: (OsJobStatus | null | Error)[]) {
  const asked: string[] = [];
  const poll = async (id: string) => {
    asked.push(id);
    const answer = answers[Math.min(asked.length - 1, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { poll, asked };
}

describe('following a print job', () => {
  it('follows a pending, then printing job until CUPS says completed: printed', async () => {
    const clock = fakeClock();
    const { poll, asked } = poller(status('pending'), status('processing', ['job-printing']), status('completed'));
    const outcome = await followJob('zebra-7', 'zebra', poll, { clock, intervalMs: 500, timeoutMs: 10_000 });
    expect(outcome).toEqual({ state: 'printed', message: null });
    expect(asked).toEqual(['zebra-7', 'zebra-7', 'zebra-7']);
    expect(clock.slept).toEqual([500, 500]);
  });

  it.each([
    [
      'aborted',
      status('aborted', ['aborted-by-system'], 'Out of paper'),
      'failed',
      /“zebra” did not print the label.*Out of paper; aborted-by-system/,
    ],
    ['cancelled', status('canceled', ['job-canceled-by-user']), 'failed', /cancelled before it printed \(job-canceled-by-user\)/],
    ['held', status('held', ['job-hold-until-specified']), 'waiting', /held \(job-hold-until-specified\).*Release it/],
    ['stopped', status('stopped', [], 'Cover open'), 'waiting', /has stopped.*\(Cover open\)/],
    [
      'pending on a stopped printer',
      status('pending', ['printer-stopped'], 'Paper out'),
      'waiting',
      /is stopped, so the label waits in its queue \(Paper out\)\. Check/,
    ],
  ] as const)('a %s job ends the follow at once with its state and why', async (_name, answer, state, message) => {
    const clock = fakeClock();
    const { poll, asked } = poller(answer);
    const outcome = await followJob('zebra-8', 'zebra', poll, { clock, timeoutMs: 10_000 });
    expect(outcome.state).toBe(state);
    expect(outcome.message).toMatch(message);
    expect(asked).toHaveLength(1);
  });

  it('gives up after the time allowed: a job that never finishes is "sent", outcome not known', async () => {
    const clock = fakeClock();
    const { poll, asked } = poller(status('processing'));
    const outcome = await followJob('zebra-9', 'zebra', poll, { clock, intervalMs: 1_000, timeoutMs: 5_000 });
    expect(outcome.state).toBe('sent');
    expect(outcome.message).toBe(
      'Sent to “zebra”, but whether it printed is not known: after 5 s it was still printing. Check that the label came out.',
    );
    // Bounded: questions at 0, 1, 2, 3, 4 and 5 s, never after the deadline.
    expect(asked).toHaveLength(6);
    expect(clock.now()).toBe(5_000);
  });

  it('keeps asking through errors and unknown jobs, and still stops at the bound', async () => {
    const clock = fakeClock();
    const { poll } = poller(new Error('connection refused'), null);
    const outcome = await followJob('zebra-10', 'zebra', poll, { clock, intervalMs: 1_000, timeoutMs: 3_000 });
    expect(outcome).toEqual({
      state: 'sent',
      message:
        'Sent to “zebra”, but whether it printed is not known: after 3 s the print system no longer knew the job. Check that the label came out.',
    });
    const failing = poller(new Error('connection refused'));
    expect((await followJob('zebra-11', 'zebra', failing.poll, { clock: fakeClock(), timeoutMs: 2_000 })).message).toContain(
      'the print system could not be asked (connection refused)',
    );
  });

  it('stops when told to (the station closes): sent, no more questions', async () => {
    const controller = new AbortController();
    const clock = fakeClock();
    const { poll, asked } = poller(status('pending'));
    const sleep = clock.sleep;
    clock.sleep = async (ms) => {
      await sleep(ms);
      controller.abort();
    };
    const outcome = await followJob('zebra-12', 'zebra', poll, { clock, timeoutMs: 60_000, signal: controller.signal });
    expect(outcome.state).toBe('sent');
    expect(asked).toHaveLength(1);
  });
});

describe('the IPP Get-Job-Attributes request and answer', () => {
  it('asks for the job by number, and reads job-state, its reasons (a 1setOf) and the printer message', () => {
    const request = getJobAttributesRequest(782, 5);
    expect(request.readUInt16BE(2)).toBe(0x0009);
    expect(request.readUInt32BE(4)).toBe(5);
    expect(parseIppResponse(request).attributes.get('job-id')).toEqual([782]);
    expect(parseIppResponse(request).attributes.get('requested-attributes')).toEqual([
      'job-state',
      'job-state-reasons',
      'job-printer-state-message',
    ]);

    const attr = (tag: number, name: string, value: Buffer) =>
      Buffer.concat([Buffer.from([tag]), u16(name.length), Buffer.from(name), u16(value.length), value]);
    const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
    const int = (n: number) => Buffer.from([0, 0, 0, n]);
    const answer = Buffer.concat([
      Buffer.from([2, 0, 0, 0, 0, 0, 0, 5, 0x01]),
      attr(0x47, 'attributes-charset', Buffer.from('utf-8')),
      Buffer.from([0x02]),
      attr(0x23, 'job-state', int(8)),
      attr(0x44, 'job-state-reasons', Buffer.from('aborted-by-system')),
      attr(0x44, '', Buffer.from('printer-stopped')),
      attr(0x41, 'job-printer-state-message', Buffer.from('Out of paper')),
      Buffer.from([0x03]),
    ]);
    expect(jobAttributesOf(answer)).toEqual({
      state: 'aborted',
      reasons: ['aborted-by-system', 'printer-stopped'],
      message: 'Out of paper',
    });
    // client-error-not-found: a job CUPS does not know.
    expect(jobAttributesOf(Buffer.from([2, 0, 0x04, 0x06, 0, 0, 0, 5, 0x03]))).toBeNull();
    expect(() => jobAttributesOf(answer.subarray(0, answer.length - 8))).toThrow(/cut short/);
  });
});
