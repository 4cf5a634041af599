import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type StationDatabase } from '../../electron/core/db/database';
import { StationError } from '../../electron/core/errors';
import { silentLogger } from '../../electron/core/logger';
import { createPrintLog } from '../../electron/core/printing/print-log';
import {
  createPrintService,
  RESUME_FOLLOW_WINDOW_MS,
  type PrintBackend,
  type PrintRequest,
} from '../../electron/core/printing/print-service';
import { PrinterProfile, type PrintJobRecord } from '../../shared/domain/printing';

/**
 * The print service's promises without an OS: one job per call however many labels, sent
 * once and never retried, every outcome logged, failures returned as values. And the print
 * log's table, created through the migration runner exactly as db/migrations.ts will.
 */

const opened: StationDatabase[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

function openLog() {
  const database = openDatabase(join(mkdtempSync(join(tmpdir(), 'ffs-print-log-')), 'station.sqlite'));
  opened.push(database);
  // openDatabase runs every migration, the print log's included.
  return createPrintLog(database);
}

const profile = PrinterProfile.parse({ id: 'p1', name: 'Labels', printer: 'Zebra', role: 'labels' });

async function pdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([288, 432]);
  return doc.save();
}

function fakeBackend(outcome: (request: PrintRequest) => Promise<{ osJobId: string | null }>) {
  const requests: PrintRequest[] = [];
  const backend: PrintBackend = {
    kind: 'cups',
    listPrinters: async () => [],
    print: (request) => {
      requests.push(request);
      return outcome(request);
    },
  };
  return { backend, requests };
}

let clock = 1_700_000_000_000;
const now = () => ++clock;

describe('print service', () => {
  it('sends all labels as one job, once, and logs it as sent with the OS job id', async () => {
    const log = openLog();
    const { backend, requests } = fakeBackend(async () => ({ osJobId: 'Zebra-7' }));
    const service = createPrintService({ backend, log, logger: silentLogger, now, newId: () => 'job-1' });
    const docs = [
      { labelId: 'b', format: 'pdf' as const, bytes: await pdf() },
      { labelId: 'a', format: 'pdf' as const, bytes: await pdf() },
    ];
    const job = await service.printLabels(profile, docs, 2);
    expect(job).toEqual({
      id: 'job-1',
      labelIds: ['b', 'a'],
      profileId: 'p1',
      printer: 'Zebra',
      copies: 2,
      osJobId: 'Zebra-7',
      state: 'sent',
      errorCode: null,
      message: null,
      createdAt: clock,
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ printer: 'Zebra', copies: 2, labelSize: '4x6in', title: 'Flex Forward labels (2)' });
    expect((await PDFDocument.load(requests[0]!.pdf)).getPageCount()).toBe(2);
    expect(await log.recent()).toEqual([job]);
  });

  it('a failure is returned and logged, not thrown, and the job is not sent again', async () => {
    const log = openLog();
    const { backend, requests } = fakeBackend(async () => {
      throw new StationError('printer_rejected', 'The printer “Zebra” is not accepting jobs.');
    });
    const service = createPrintService({ backend, log, logger: silentLogger, now });
    const job = await service.printLabels(profile, [{ labelId: 'x', format: 'pdf', bytes: await pdf() }]);
    expect(job).toMatchObject({
      state: 'failed',
      errorCode: 'printer_rejected',
      osJobId: null,
      message: 'The printer “Zebra” is not accepting jobs.',
    });
    expect(requests).toHaveLength(1);
    expect(await log.forLabel('x')).toEqual([job]);
  });

  it('an unexpected error is a print_failed job with its message', async () => {
    const log = openLog();
    const { backend } = fakeBackend(async () => {
      throw new Error('EPIPE');
    });
    const job = await createPrintService({ backend, log, logger: silentLogger, now }).printLabels(profile, [
      { labelId: 'x', format: 'pdf', bytes: await pdf() },
    ]);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'print_failed' });
    expect(job.message).toContain('EPIPE');
  });

  it('an unreadable label file fails the job before anything reaches the printer', async () => {
    const log = openLog();
    const { backend, requests } = fakeBackend(async () => ({ osJobId: '1' }));
    const job = await createPrintService({ backend, log, logger: silentLogger, now }).printLabels(profile, [
      { labelId: 'bad', format: 'png', bytes: new Uint8Array([1, 2, 3]) },
    ]);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'label_document_invalid', labelIds: ['bad'] });
    expect(requests).toHaveLength(0);
    expect(await log.forLabel('bad')).toEqual([job]);
  });

  it('refuses an empty selection and impossible copies without logging a job', async () => {
    const log = openLog();
    const { backend, requests } = fakeBackend(async () => ({ osJobId: '1' }));
    const service = createPrintService({ backend, log, logger: silentLogger, now });
    await expect(service.printLabels(profile, [])).rejects.toMatchObject({ code: 'print_nothing' });
    await expect(service.printLabels(profile, [{ labelId: 'x', format: 'pdf', bytes: await pdf() }], 0)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(requests).toHaveLength(0);
    expect(await log.recent()).toEqual([]);
  });

  it('prints a calibration label on the profile printer, logged with no labels', async () => {
    const log = openLog();
    const { backend, requests } = fakeBackend(async () => ({ osJobId: 'Zebra-9' }));
    const job = await createPrintService({ backend, log, logger: silentLogger, now }).printCalibration({ ...profile, labelSize: 'A6' });
    expect(job).toMatchObject({ state: 'sent', labelIds: [], osJobId: 'Zebra-9' });
    expect(requests[0]).toMatchObject({ title: 'Flex Forward calibration', labelSize: 'A6', copies: 1 });
  });

  it('a log that cannot be written does not turn a sent job into an error', async () => {
    const { backend } = fakeBackend(async () => ({ osJobId: '1' }));
    const broken = {
      record: async () => {
        throw new Error('disk full');
      },
      recent: async () => [],
      forLabel: async () => [],
      settle: async () => null,
      get: async () => null,
      entries: async () => [],
      unfinished: async () => [],
    };
    const job = await createPrintService({ backend, log: broken, logger: silentLogger, now }).printLabels(profile, [
      { labelId: 'x', format: 'pdf', bytes: await pdf() },
    ]);
    expect(job.state).toBe('sent');
  });
});

describe('print log', () => {
  const job = (n: number, labelIds: string[], overrides: Partial<PrintJobRecord> = {}): PrintJobRecord => ({
    id: `job-${n}`,
    labelIds,
    profileId: 'p1',
    printer: 'Zebra',
    copies: 1,
    osJobId: `Zebra-${n}`,
    state: 'sent',
    errorCode: null,
    message: null,
    createdAt: 1_700_000_000_000 + n,
    ...overrides,
  });

  it('keeps label order, lists newest first, and finds every job that printed a label', async () => {
    const log = openLog();
    await log.record(job(1, ['c', 'a', 'b']));
    await log.record(
      job(2, ['a'], {
        state: 'failed',
        osJobId: null,
        errorCode: 'printer_not_found',
        message: 'The printer “Zebra” is not set up on this computer.',
      }),
    );
    await log.record(job(3, []));
    expect((await log.recent()).map((j) => j.id)).toEqual(['job-3', 'job-2', 'job-1']);
    expect(await log.recent(1)).toEqual([job(3, [])]);
    expect((await log.recent())[2]!.labelIds).toEqual(['c', 'a', 'b']);
    expect((await log.forLabel('a')).map((j) => j.id)).toEqual(['job-2', 'job-1']);
    expect((await log.forLabel('A')).map((j) => j.id)).toEqual(['job-2', 'job-1']);
    expect(await log.forLabel('b')).toEqual([job(1, ['c', 'a', 'b'])]);
    expect(await log.forLabel('nothing')).toEqual([]);
  });

  it('a job id is written once', async () => {
    const log = openLog();
    await log.record(job(1, ['a']));
    await expect(log.record(job(1, ['b']))).rejects.toThrow();
    expect(await log.forLabel('b')).toEqual([]);
  });

  it("a followed job's outcome becomes its labels' print state, unless a newer job printed the label since", async () => {
    const database = openDatabase(join(mkdtempSync(join(tmpdir(), 'ffs-print-log-')), 'station.sqlite'));
    opened.push(database);
    const log = createPrintLog(database);
    const stateOf = (labelId: string) =>
      database.db
        .prepare('SELECT p.state, j.id FROM label_print_state AS p JOIN print_jobs AS j ON j.seq = p.job_seq WHERE label_id = ?')
        .get(labelId);
    await log.record(job(1, ['a', 'b']));
    // b is reprinted while job 1 is still followed.
    await log.record(job(2, ['b']));
    const settled = await log.settle('job-1', { state: 'failed', errorCode: 'print_job_failed', message: 'Out of paper', at: 5 });
    expect(settled).toEqual(job(1, ['a', 'b'], { state: 'failed', errorCode: 'print_job_failed', message: 'Out of paper' }));
    expect(stateOf('a')).toEqual({ state: 'failed', id: 'job-1' });
    expect(stateOf('b')).toEqual({ state: 'sent', id: 'job-2' });
    // Time ran out for job 2: still sent, with why its outcome is not known.
    expect(await log.settle('job-2', { state: 'sent', errorCode: null, message: 'not known', at: 6 })).toMatchObject({
      state: 'sent',
      message: 'not known',
    });
    expect((await log.entries({ labelId: 'b' })).map((e) => [e.id, e.state, e.labels])).toEqual([
      ['job-2', 'sent', [{ id: 'b', orderNumber: null, trackingNumber: null }]],
      [
        'job-1',
        'failed',
        [
          { id: 'a', orderNumber: null, trackingNumber: null },
          { id: 'b', orderNumber: null, trackingNumber: null },
        ],
      ],
    ]);
    expect(await log.settle('job-404', { state: 'printed', errorCode: null, message: null, at: 7 })).toBeNull();
  });

  it('follows a job the backend accepted, records and announces its outcome once; close() stops following', async () => {
    const log = openLog();
    const statuses: string[] = [];
    let answer: 'processing' | 'completed' = 'processing';
    const backend: PrintBackend = {
      ...fakeBackend(async () => ({ osJobId: 'Zebra-9' })).backend,
      jobStatus: async (id) => (statuses.push(id), { state: answer, reasons: [], message: null }),
    };
    const announced: PrintJobRecord[] = [];
    let t = 0;
    const clock = { now: () => t, sleep: async (ms: number) => void ((t += ms), statuses.length === 2 && (answer = 'completed')) };
    const service = createPrintService({
      backend,
      log,
      logger: silentLogger,
      now,
      follow: { clock, intervalMs: 100 },
      onJobSettled: (j) => announced.push(j),
    });
    const sent = await service.printLabels(profile, [{ labelId: 'x', format: 'pdf', bytes: await pdf() }]);
    expect(sent.state).toBe('sent');
    const settled = await service.settled(sent.id);
    expect(settled).toMatchObject({ id: sent.id, state: 'printed', message: null });
    expect(announced).toEqual([settled]);
    expect(statuses).toEqual(['Zebra-9', 'Zebra-9', 'Zebra-9']);

    // Not followed without `follow`, or after close().
    answer = 'processing';
    service.close();
    const late = await service.printLabels(profile, [{ labelId: 'y', format: 'pdf', bytes: await pdf() }]);
    expect(await service.settled(late.id)).toMatchObject({ state: 'sent', message: null });
    expect(announced).toHaveLength(1);
  });

  it('after a restart, jobs whose outcome was still open are followed again; settled and old ones are not', async () => {
    const log = openLog();
    const accepted = fakeBackend(async (request) => ({ osJobId: `Zebra-${request.title.slice(-1)}` })).backend;
    // Before the quit: three jobs sent, none followed (the station quit before their outcome came).
    const before = createPrintService({ backend: accepted, log, logger: silentLogger, now });
    const open = await before.printLabels(profile, [{ labelId: 'open', format: 'pdf', bytes: await pdf() }]);
    const done = await before.printLabels(profile, [{ labelId: 'done', format: 'pdf', bytes: await pdf() }]);
    await log.settle(done.id, { state: 'printed', errorCode: null, message: null, at: now() });
    const asked: string[] = [];
    const backend: PrintBackend = {
      ...accepted,
      jobStatus: async (id) => (asked.push(id), { state: 'completed', reasons: [], message: null }),
    };
    const t = 0;
    const follow = { clock: { now: () => t, sleep: async () => undefined }, intervalMs: 100 };

    // A day and more later, nothing is followed again.
    const late = clock;
    clock += RESUME_FOLLOW_WINDOW_MS + 1000;
    expect(await createPrintService({ backend, log, logger: silentLogger, now, follow }).resumeFollowing()).toBe(0);
    clock = late;

    const announced: PrintJobRecord[] = [];
    const after = createPrintService({ backend, log, logger: silentLogger, now, follow, onJobSettled: (j) => announced.push(j) });
    expect(await after.resumeFollowing()).toBe(1);
    expect(await after.settled(open.id)).toMatchObject({ id: open.id, state: 'printed' });
    expect(asked).toEqual([open.osJobId]);
    expect(announced.map((j) => j.id)).toEqual([open.id]);
    // Followed once: a second call finds nothing open.
    expect(await after.resumeFollowing()).toBe(0);
  });

  it('uses the created_at and label indexes', () => {
    const database = openDatabase(join(mkdtempSync(join(tmpdir(), 'ffs-print-log-')), 'station.sqlite'));
    opened.push(database);
    const plan = (sql: string) =>
      (database.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT * FROM print_jobs ORDER BY created_at DESC LIMIT 5')).toContain('print_jobs_created');
    expect(plan("SELECT job_seq FROM print_job_labels WHERE label_id = 'a'")).toContain('print_job_labels_label');
  });
});
