import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrintBackend } from '../../electron/core/printing/print-service';
import { SUPERVISOR_ONLY } from '../../electron/core/operators/rules';
import type { ChannelName } from '../../shared/ipc/channels';
import type { CreateOutcome } from '../../shared/domain/label-draft';
import type { AuditEntry } from '../../shared/domain/operators';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { createTestStation } from '../support/test-station';
import { connectionOf, joinWorkgroup } from '../support/workgroup-station';

/**
 * Operators, roles and the audit trail of a workgroup (issue 18 item 5), on a real PostgreSQL
 * (a database of this file's own) with real stations: the gate is main's, so every check
 * goes through the station's IPC dispatch as the renderer's calls do.
 */
type Station = ReturnType<typeof createTestStation>;

const printBackend: PrintBackend = { kind: 'cups', listPrinters: async () => [], print: async () => ({ osJobId: 'job-1' }) };

let db: TestDatabase;
let sql: pg.Pool;
const opened: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
  sql = new pg.Pool({ connectionString: db.url, max: 2 });
  sql.on('error', () => undefined);
});
afterAll(async () => {
  await sql.end();
  await db.drop();
}, 120_000);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
  // Every test starts from a workgroup without operators (the schema stays).
  await sql.query('TRUNCATE operators, audit_log').catch(() => undefined);
});

async function station(name: string): Promise<Station> {
  const { sim, startDemo } = await controlledDemo();
  const s = createTestStation({ startDemo, printBackend });
  opened.push(s, sim);
  await joinWorkgroup(s, db, name);
  return s;
}
const value = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

/** A workgroup with a supervisor (Sam, signed in at `a`) and a packer (Pia); `b` is a second station. */
async function workgroup() {
  const a = await station('Bench 1');
  const b = await station('Bench 2');
  value(await a.client.operators.add({ name: 'Sam', role: 'supervisor', pin: '2468' }));
  value(await a.client.operators.add({ name: 'Pia', role: 'packer', pin: '1357' }));
  return { a, b };
}
async function entries(s: Station, query: Parameters<Station['client']['audit']['search']>[0] = {}): Promise<AuditEntry[]> {
  return value(await s.client.audit.search(query)).entries;
}

describe('a station on its own', () => {
  it('asks nobody to sign in and allows everything, as before', async () => {
    const { sim, startDemo } = await controlledDemo();
    const alone = createTestStation({ startDemo, printBackend });
    opened.push(alone, sim);
    expect(value(await alone.client.operators.session())).toEqual({
      workgroup: false,
      required: false,
      firstOperator: false,
      operator: null,
    });
    expect(code(await alone.client.settings.setDefaults({}))).toBe('ok');
    expect(code(await alone.client.env.switch({ environment: 'production' }))).toBe('ok');
  });
});

describe('operators of a workgroup (real PostgreSQL)', () => {
  it('without operators the workgroup works as before; the first operator added is a supervisor and is signed in', async () => {
    const a = await station('Bench 1');
    const b = await station('Bench 2');
    expect(value(await a.client.operators.session())).toEqual({ workgroup: true, required: false, firstOperator: true, operator: null });
    expect(code(await b.client.settings.setDefaults({}))).toBe('ok');

    const list = value(await a.client.operators.add({ name: 'Aiko', role: 'packer', pin: '4321' }));
    expect(list).toEqual([expect.objectContaining({ name: 'Aiko', role: 'supervisor', active: true })]);
    expect(value(await a.client.operators.session())).toMatchObject({ required: true, operator: { name: 'Aiko', role: 'supervisor' } });

    // Every other station of the workgroup now asks for a sign-in (within a second: one that hears
    // live updates kept "no operators yet" until the notification), and refuses the rest until then.
    await expect
      .poll(async () => value(await b.client.operators.session()), { timeout: 2_000, interval: 50 })
      .toEqual({
        workgroup: true,
        required: true,
        firstOperator: false,
        operator: null,
      });
    const refused = await b.client.labels.history({});
    expect(refused).toMatchObject({ ok: false, error: { code: 'operator_sign_in_required', message: expect.stringMatching(/sign in/i) } });
    expect(code(await b.client.operators.add({ name: 'Mallory', role: 'supervisor', pin: '0000' }))).toBe('operator_sign_in_required');
    value(await b.client.operators.signIn({ name: ' aiko ', pin: '4321' }));
    expect(code(await b.client.labels.history({}))).toBe('ok');
  });

  it('"no operators yet" is kept while live updates are heard, and asked again when the operators change', async () => {
    const a = await station('Bench 1');
    await expect.poll(() => a.services.live.listening(), { timeout: 10_000 }).toBe(true);
    expect(code(await a.client.labels.history({}))).toBe('ok');
    // An operator written behind the stations' backs (the live trigger off, so no notification):
    // the station goes on with what it kept, without asking the database at every call.
    await sql.query('ALTER TABLE operators DISABLE TRIGGER operators_live');
    try {
      await sql.query(
        "INSERT INTO operators (id, name, name_key, role, pin_hash) VALUES (gen_random_uuid(), 'Ghost', 'ghost', 'supervisor', 'x')",
      );
    } finally {
      await sql.query('ALTER TABLE operators ENABLE TRIGGER operators_live');
    }
    expect(code(await a.client.labels.history({}))).toBe('ok');
    expect(value(await a.client.operators.session())).toMatchObject({ required: false, firstOperator: true });
    // The notification every change of the operators sends: asked again, now a sign-in is needed.
    await sql.query(`SELECT pg_notify('ffs_live', '{"kind":"operators"}')`);
    await expect
      .poll(async () => code(await a.client.labels.history({})), { timeout: 2_000, interval: 50 })
      .toBe('operator_sign_in_required');
  });

  it('a station started while the database cannot be reached still asks for a sign-in once it has seen operators', async () => {
    const a = await station('Bench 1');
    value(await a.client.operators.add({ name: 'Aiko', role: 'supervisor', pin: '4321' }));
    await a.close();
    opened.splice(opened.indexOf(a), 1);
    // The same station started again (its settings say: in the workgroup), the database unreachable:
    // a keychain without the workgroup's password, so it cannot connect.
    const { sim, startDemo } = await controlledDemo();
    const again = createTestStation({ startDemo, printBackend, userDataDir: a.userDataDir });
    opened.push(again, sim);
    expect(code(await again.client.labels.history({}))).toBe('operator_sign_in_required');
    expect(code(await again.client.settings.setDefaults({}))).toBe('operator_sign_in_required');
    expect(value(await again.client.operators.session())).toMatchObject({ required: true, operator: null });
    const url = new URL(db.url);
    expect(JSON.parse(readFileSync(`${a.userDataDir}/workgroup-operators.json`, 'utf8'))).toEqual([
      `${url.hostname}:${url.port}/${db.name}`,
    ]);

    // A station that never saw operators there works as a single station would while the database is away.
    const { sim: sim2, startDemo: startDemo2 } = await controlledDemo();
    const fresh = createTestStation({ startDemo: startDemo2, printBackend });
    opened.push(fresh, sim2);
    value(await fresh.client.workgroup.save({ settings: { ...connectionOf(db), stationName: 'Bench 9' } }));
    expect(code(await fresh.client.settings.setDefaults({}))).toBe('ok');
  });

  it('keeps the PIN only as a salted scrypt hash, and no answer or log line carries the PIN or the hash', async () => {
    const { a } = await workgroup();
    value(await a.client.operators.add({ name: 'Kai', role: 'packer', pin: '1357' }));
    const { rows } = await sql.query<{ name: string; pin_hash: string }>('SELECT name, pin_hash FROM operators ORDER BY name');
    for (const row of rows) {
      expect(row.pin_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      expect(row.pin_hash).not.toContain('1357');
      expect(row.pin_hash).not.toContain('2468');
    }
    // Pia and Kai have the same PIN: different salts, different hashes.
    const pia = rows.find((r) => r.name === 'Pia')!.pin_hash;
    const kai = rows.find((r) => r.name === 'Kai')!.pin_hash;
    expect(pia).not.toBe(kai);

    const answers = JSON.stringify([
      await a.client.operators.list(),
      await a.client.operators.session(),
      await a.client.operators.signIn({ name: 'Pia', pin: '1357' }),
      await a.client.operators.signIn({ name: 'Pia', pin: '9999' }),
      await a.client.operators.signIn({ name: 'Sam', pin: '2468' }),
      await a.client.audit.search({}),
    ]);
    expect(answers).not.toMatch(/1357|2468|9999|scrypt/);
    expect(answers).not.toContain(pia.split('$')[5]);
    expect(readFileSync(a.logFile, 'utf8')).not.toMatch(/1357|2468|9999|scrypt\$/);
  });

  it('a wrong PIN gets a clear sentence; 5 wrong in a row pause that name for a minute at every station, even with the right PIN', async () => {
    const { a, b } = await workgroup();
    const wrong = await b.client.operators.signIn({ name: 'Pia', pin: '0000' });
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'operator_sign_in_wrong',
        message: 'The name or the PIN is not right. After 5 wrong tries in a row, sign-in for that name pauses for 60 seconds.',
      },
    });
    // An unknown name is answered the same way (no hint which names exist).
    expect(await b.client.operators.signIn({ name: 'Nobody', pin: '0000' })).toMatchObject({
      ok: false,
      error: wrong.ok ? {} : wrong.error,
    });
    for (let i = 0; i < 3; i += 1)
      expect(code(await b.client.operators.signIn({ name: 'Pia', pin: '0000' }))).toBe('operator_sign_in_wrong');
    expect(await b.client.operators.signIn({ name: 'Pia', pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'operator_locked', message: 'The PIN is not right. After 5 wrong tries, sign-in for Pia is paused for 60 seconds.' },
    });
    // The right PIN is refused too while paused, here and at the other station.
    for (const s of [b, a]) {
      expect(await s.client.operators.signIn({ name: 'Pia', pin: '1357' })).toMatchObject({
        ok: false,
        error: {
          code: 'operator_locked',
          message: expect.stringMatching(/^Sign-in for Pia is paused after too many wrong PINs\. Try again in (60|59) seconds\.$/),
        },
      });
    }
    expect(value(await b.client.operators.session()).operator).toBeNull();
    // The minute is over (the server's clock decides): the right PIN works, and the count starts again.
    await sql.query(`UPDATE operators SET locked_until = now() - interval '1 second' WHERE name = 'Pia'`);
    expect(value(await b.client.operators.signIn({ name: 'Pia', pin: '1357' })).operator).toMatchObject({ name: 'Pia', role: 'packer' });
    const { rows } = await sql.query(`SELECT failed_attempts FROM operators WHERE name = 'Pia'`);
    expect(rows[0].failed_attempts).toBe(0);
  });

  it('a packer is refused every supervisor action in main, with a sentence saying a supervisor must do it; a supervisor may', async () => {
    const { a, b } = await workgroup();
    value(await b.client.operators.signIn({ name: 'Pia', pin: '1357' }));
    value(await b.client.env.switch({ environment: 'demo' }));
    const account = { environment: 'demo', id: 'acct-1' } as const;
    // A valid input for every channel the rules name: the gate answers before the handler runs.
    const calls: { [C in ChannelName]?: unknown } = {
      'env:switch': { environment: 'production' },
      'settings:setDefaults': { courier: 'yunexpress' },
      'settings:setPreferences': { stationSounds: true },
      'env:setBaseUrl': { environment: 'development', baseUrl: 'https://sandbox.flexforward.com' },
      'token:set': { environment: 'development', token: 'secret-token-1234' },
      'token:clear': { environment: 'development' },
      'accounts:add': { ...account, name: 'Shop' },
      'accounts:rename': { ...account, name: 'Shop 2' },
      'accounts:remove': account,
      'accounts:setDefault': account,
      'senders:save': { name: 'Warehouse', party: labelDraft('#1').shipment.shipTo },
      'senders:remove': { id: 'sender-1' },
      'presets:save': { name: 'Box', weight: 1 },
      'presets:remove': { id: 'preset-1' },
      'printers:saveProfile': { name: 'Desk', printer: 'desk-queue', role: 'labels' },
      'printers:removeProfile': { id: 'profile-1' },
      'printers:setDefault': { id: 'profile-1' },
      'skuCatalogue:save': { entry: { sku: 'SKU-1', descriptionEn: 'Mug' } },
      'skuCatalogue:remove': { sku: 'SKU-1' },
      'skuCatalogue:importCsv': { fileName: 'c.csv', base64: '' },
      'batch:saveMapping': { importId: 'import-1', name: 'Shop mapping' },
      'workgroup:save': {
        settings: { host: 'db', port: 5432, database: 'd', user: 'u', tlsMode: 'disable', caFile: null, stationName: 'X' },
      },
      'workgroup:leave': undefined,
      'labels:create': { draft: labelDraft('#5001'), another: true },
      'batch:start': { importId: 'import-1', includeAlreadyLabelled: true },
      'operators:list': undefined,
      'operators:add': { name: 'Eve', role: 'supervisor', pin: '1111' },
      'operators:update': { id: 'x', role: 'supervisor' },
      'audit:search': {},
    };
    expect(Object.keys(calls).sort()).toEqual(Object.keys(SUPERVISOR_ONLY).sort());
    for (const [channel, input] of Object.entries(calls)) {
      const answer = await b.dispatch(channel, input);
      expect(answer, channel).toMatchObject({
        ok: false,
        error: {
          code: 'operator_supervisor_required',
          message: 'Only a supervisor can do this. Ask a supervisor to sign in at this station and do it.',
        },
      });
    }
    // The same calls as a supervisor pass the gate (each may still fail on its own merits, e.g. an unknown id).
    for (const [channel, input] of Object.entries(calls)) {
      await expect(a.services.operators.authorize(channel, input), channel).resolves.toBeUndefined();
    }
    // A claim held by another station: the claims channels are gated by name.
    await expect(b.services.operators.authorize('claims:release', { order: '1001' })).rejects.toMatchObject({
      code: 'operator_supervisor_required',
    });
    // What a packer does all day is allowed: New label, History, back from Production to Demo.
    const made = value(await b.client.labels.create({ draft: labelDraft('#5002') })) as CreateOutcome;
    expect(made.kind).toBe('created');
    expect(code(await b.client.labels.create({ draft: labelDraft('#5002') }))).toBe('ok');
    expect(code(await b.client.labels.history({}))).toBe('ok');
    // The supervisor does it for real (Production then wants its token: the gate let the call through).
    value(await a.client.env.switch({ environment: 'demo' }));
    expect(code(await a.client.settings.setDefaults({ courier: 'yunexpress' }))).toBe('ok');
    expect(code(await a.client.env.switch({ environment: 'production' }))).not.toMatch(/^operator_/);
    value(await a.client.env.switch({ environment: 'demo' }));
    value(await a.client.labels.create({ draft: labelDraft('#5003') }));
    expect(value(await a.client.labels.create({ draft: labelDraft('#5003'), another: true }))).toMatchObject({ kind: 'created' });
  });

  it('a role changed or an operator deactivated at one station counts at once at another; the last supervisor stays one', async () => {
    const { a, b } = await workgroup();
    value(await b.client.operators.signIn({ name: 'Pia', pin: '1357' }));
    expect(code(await b.client.settings.setDefaults({}))).toBe('operator_supervisor_required');
    const pia = value(await a.client.operators.list()).find((o) => o.name === 'Pia')!;
    value(await a.client.operators.update({ id: pia.id, role: 'supervisor' }));
    expect(code(await b.client.settings.setDefaults({}))).toBe('ok');
    expect(value(await b.client.operators.session()).operator).toMatchObject({ name: 'Pia', role: 'supervisor' });

    value(await a.client.operators.update({ id: pia.id, active: false }));
    expect(code(await b.client.settings.setDefaults({}))).toBe('operator_sign_in_required');
    expect(value(await b.client.operators.session()).operator).toBeNull();
    expect(code(await b.client.operators.signIn({ name: 'Pia', pin: '1357' }))).toBe('operator_sign_in_wrong');

    const sam = value(await a.client.operators.list()).find((o) => o.name === 'Sam')!;
    expect(await a.client.operators.update({ id: sam.id, role: 'packer' })).toMatchObject({
      ok: false,
      error: { code: 'operator_last_supervisor' },
    });
    expect(code(await a.client.operators.update({ id: sam.id, active: false }))).toBe('operator_last_supervisor');
    // A new PIN replaces the old one.
    value(await a.client.operators.update({ id: pia.id, active: true, pin: '8642' }));
    expect(code(await b.client.operators.signIn({ name: 'Pia', pin: '1357' }))).toBe('operator_sign_in_wrong');
    expect(code(await b.client.operators.signIn({ name: 'Pia', pin: '8642' }))).toBe('ok');
    expect(code(await a.client.operators.add({ name: 'pia', role: 'packer', pin: '1234' }))).toBe('operator_name_taken');
  });

  it('writes who did what, which label or order, where and when, and a supervisor finds it by operator, action, text and date, page by page', async () => {
    const { a, b } = await workgroup();
    value(await b.client.operators.signIn({ name: 'Pia', pin: '1357' }));
    value(await b.client.env.switch({ environment: 'demo' }));
    value(await a.client.env.switch({ environment: 'demo' }));
    value(await a.client.printers.saveProfile({ name: 'Desk', printer: 'desk-queue', role: 'labels' }));
    // Labels are each station's own until the shared history lands: Sam prints his at his station.
    const made = value(await a.client.labels.create({ draft: labelDraft('#7001') })) as Extract<CreateOutcome, { kind: 'created' }>;
    value(await b.client.labels.create({ draft: labelDraft('#7002') }));
    value(await a.client.print.labels({ labelIds: [made.label.id] }));
    value(await a.client.print.labels({ labelIds: [made.label.id] }));
    value(await a.client.labels.create({ draft: labelDraft('#7001'), another: true }));
    value(await a.client.settings.setDefaults({ courier: 'yunexpress' }));
    value(await a.client.token.set({ environment: 'development', token: 'tok-never-in-the-audit-1234', allowUnverified: true }));
    await b.client.operators.signIn({ name: 'Pia', pin: '0000' });
    value(await b.client.operators.signOut());

    const all = await entries(a);
    const lines = all.map((e) => [e.operator, e.action, e.station, e.orderNumber, e.labelId === made.label.id ? 'LABEL' : e.labelId]);
    expect(lines.reverse()).toEqual([
      // Joining the workgroup, before it had operators.
      [null, 'settings_changed', 'Bench 1', null, null],
      [null, 'settings_changed', 'Bench 2', null, null],
      ['Sam', 'operator_added', 'Bench 1', null, null],
      ['Sam', 'signed_in', 'Bench 1', null, null],
      ['Sam', 'operator_added', 'Bench 1', null, null],
      ['Pia', 'signed_in', 'Bench 2', null, null],
      ['Pia', 'environment_switched', 'Bench 2', null, null],
      ['Sam', 'environment_switched', 'Bench 1', null, null],
      ['Sam', 'settings_changed', 'Bench 1', null, null],
      ['Sam', 'label_created', 'Bench 1', '#7001', 'LABEL'],
      ['Pia', 'label_created', 'Bench 2', '#7002', expect.any(String)],
      ['Sam', 'label_printed', 'Bench 1', null, 'LABEL'],
      ['Sam', 'label_reprinted', 'Bench 1', null, 'LABEL'],
      ['Sam', 'another_label_confirmed', 'Bench 1', '#7001', null],
      ['Sam', 'label_created', 'Bench 1', '#7001', expect.any(String)],
      ['Sam', 'settings_changed', 'Bench 1', null, null],
      ['Sam', 'settings_changed', 'Bench 1', null, null],
      [null, 'sign_in_failed', 'Bench 2', null, null],
      ['Pia', 'signed_out', 'Bench 2', null, null],
    ]);
    expect(JSON.stringify(all)).not.toContain('tok-never-in-the-audit');
    // Details in no one language (each station's screen puts them into words): keys and values.
    expect(all.find((e) => e.action === 'sign_in_failed')).toMatchObject({
      details: null,
      detail: { key: 'signInFailed', values: { name: 'Pia', reason: 'wrong' } },
    });
    expect(all.filter((e) => e.action === 'settings_changed' && e.operator === 'Sam').map((e) => e.detail)).toEqual([
      { key: 'tokenSaved', values: { environment: 'development' } },
      { key: 'defaults', values: {} },
      { key: 'printerProfileSaved', values: { printer: 'desk-queue' } },
    ]);
    expect(all.find((e) => e.action === 'label_printed')).toMatchObject({ details: expect.any(String), detail: null });
    for (const e of all) expect(Math.abs(e.at - Date.now())).toBeLessThan(60_000);

    // Filters: operator (any case), action, a part of an order number or a label id, a date range.
    expect((await entries(a, { operator: 'pia' })).map((e) => e.action)).toEqual([
      'signed_out',
      'label_created',
      'environment_switched',
      'signed_in',
    ]);
    expect((await entries(a, { operator: 'pia', action: 'label_created' })).map((e) => e.orderNumber)).toEqual(['#7002']);
    expect((await entries(a, { action: 'label_reprinted' })).map((e) => e.labelId)).toEqual([made.label.id]);
    expect((await entries(a, { text: '700' })).map((e) => e.action)).toEqual([
      'label_created',
      'another_label_confirmed',
      'label_created',
      'label_created',
    ]);
    expect((await entries(a, { text: made.label.id.slice(4, 14).toUpperCase() })).map((e) => e.action)).toEqual([
      'label_reprinted',
      'label_printed',
      'label_created',
    ]);
    expect(await entries(a, { text: '%' })).toEqual([]);
    const newest = all[0]!.at;
    expect(await entries(a, { from: newest + 1 })).toEqual([]);
    expect(await entries(a, { to: all[all.length - 1]!.at })).toEqual([]);
    expect((await entries(a, { from: all[all.length - 1]!.at, to: newest + 1 })).length).toBe(all.length);

    // Keyset paging: 5 at a time, newest first, every entry once.
    const seen: number[] = [];
    let cursor: number | undefined;
    for (;;) {
      const page = value(await a.client.audit.search({ limit: 5, cursor }));
      seen.push(...page.entries.map((e) => e.seq));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.map((e) => e.seq));
    expect(new Set(seen).size).toBe(all.length);
    // Lines another station wrote: plain text (an older one), a detail this station does not know (a newer one): as written.
    await sql.query(
      `INSERT INTO audit_log (action, station_id, station_name, details) VALUES
        ('settings_changed', 'old', 'Bench 0', 'printer profile desk-queue'),
        ('settings_changed', 'new', 'Bench 9', '{"key":"fromANewerStation","values":{}}')`,
    );
    expect((await entries(a)).slice(0, 2).map((e) => [e.station, e.details, e.detail])).toEqual([
      ['Bench 9', '{"key":"fromANewerStation","values":{}}', null],
      ['Bench 0', 'printer profile desk-queue', null],
    ]);
  });
});
