import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retention } from '../../jobs/retention';
import { rowsOf } from '../../src/db/rows';
import { auditLog, cases, inbox, outbox } from '../../src/db/schema';
import { fireOn } from '../../src/domain/schedule';
import { createLogger } from '../../src/shared/logger';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId } from './group-privacy';

const TZ = 'Asia/Shanghai';
const ADMIN_P2P = 'oc_rest_admin';
const VILLAGE = 'oc_rest_village';
const CADRE = 'ou_rest_cadre';
const CADRE_P2P = 'oc_rest_cadre_p2p';
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

// Everything personal the run types; none of it may be found in clear in the database or the logs.
const PERSON = { name: '王小明', id: validId('11010519850317123'), phone: '13812345678', address: '幸福路8号院3单元' };
const OTHER = { name: '欧阳娜娜', id: validId('11010519900101002'), phone: '13987654321', address: '东风村三组12号' };
const REPORTED = { id: validId('11010519751212004'), phone: '13700001111' };

/** Issue 11, finding 2 (data at rest) and 3 (logs), seen from outside: pg_dump and the log stream. */
describe('data at rest: sealed, masked, dropped after delivery, purged after retention', () => {
  let t: TestApp;
  const logLines: string[] = [];
  const no: Record<string, number> = {};
  const say = async (text: string, from: string, chatId: string, chatType: 'group' | 'p2p' = 'group') =>
    (await t.say(text, { from, chatId, chatType })).replies.join('\n');

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ now: '2026-11-16T09:00:00+08:00', logger: createLogger('debug', sink) });
    await say('/村 添加 东风村', ADMIN, ADMIN_P2P, 'p2p');
    await say('/绑定 村 东风村', ADMIN, VILLAGE);
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(CADRE, '李组长')] });
    for (const p of [PERSON, OTHER]) {
      expect(await say(`/登记 ${p.name} ${p.id} ${p.phone} 居家隔离 今天 ${p.address}`, CADRE, VILLAGE)).toContain('已登记');
    }
    for (const c of await t.db.db.select().from(cases)) no[t.cipher.decrypt(c.nameEnc)] = c.id;
    // A bad registration: what was typed comes back in the error path and the logs.
    await say(`/登记 ${PERSON.name} ${PERSON.id.slice(0, 17)}0 ${PERSON.phone} 居家隔离 明年`, CADRE, VILLAGE);
  });
  afterAll(() => t.close());

  const dump = () => execFileSync('pg_dump', ['--data-only', '--no-owner', t.db.url!], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

  it('after a private /查看, a /上报 with an ID and a phone, and registrations, pg_dump holds no ID, phone, name or address in clear', async () => {
    const shown = await say(`/查看 #${no[PERSON.name]}`, CADRE, CADRE_P2P, 'p2p');
    // The private card did carry them in full: the dump below could have had them.
    for (const plain of [PERSON.id, PERSON.phone, PERSON.name, PERSON.address]) expect(shown).toContain(plain);
    const reported = await say(`/上报 新增返乡 ${PERSON.name} ${REPORTED.id} ${REPORTED.phone}，${OTHER.name}已核`, CADRE, VILLAGE);
    expect(reported).toContain('已');

    if (!t.db.url) return expect(t.db.kind).toBe('pglite'); // pg_dump needs a server (TEST_DATABASE_URL)
    const text = dump();
    expect(text).toContain('COPY public.cases');
    for (const p of [PERSON, OTHER]) for (const plain of Object.values(p)) expect(text, plain).not.toContain(plain);
    for (const plain of Object.values(REPORTED)) expect(text, plain).not.toContain(plain);
    // The note is kept, masked.
    const [note] = rowsOf<{ note: string }>(await t.db.db.execute(sql`select note from village_reports`));
    expect(note!.note).toBe(`新增返乡 王** ${REPORTED.id.slice(0, 6)}********${REPORTED.id.slice(-4)} 137****1111，欧***已核`);
  });

  it('keeps no content of a delivered message, only where it went', async () => {
    const rows = await t.db.db.select().from(outbox);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.status === 'delivered').every((r) => r.contentEnc === null)).toBe(true);
    expect(rows.every((r) => !('content' in (r.operation as object)))).toBe(true);
  });

  it('logs nothing personal of the whole run', () => {
    const logs = logLines.join('');
    expect(logs).toContain('"msg"');
    for (const p of [PERSON, OTHER, REPORTED]) for (const plain of Object.values(p)) expect(logs, plain).not.toContain(plain);
  });

  it('retention deletes processed deliveries and delivered messages, and purges a case ended 180 days ago, audited', async () => {
    expect(await say(`/关闭 #${no[PERSON.name]} 迁出 去了${OTHER.phone}那里`, CADRE, VILLAGE)).toContain('已关闭');
    const run = async (iso: string) => {
      t.clock.now = new Date(iso);
      const outcome = await t.hw.jobRunner.runFire(retention, fireOn(iso.slice(0, 10), '03:30', TZ), 'schedule');
      return outcome.result!;
    };
    // Ten days later: deliveries are gone (3 days), messages stay (30), the case stays (180).
    expect(await run('2026-11-26T03:30:00+08:00')).toMatchObject({ outbox: 0, purgedCases: 0 });
    expect(await t.db.db.select().from(inbox)).toEqual([]);
    expect((await t.db.db.select().from(outbox)).length).toBeGreaterThan(0);

    const result = await run('2027-05-20T03:30:00+08:00');
    expect(result).toMatchObject({ purgedCases: 1 });
    expect(result.outbox).toBeGreaterThan(5);
    const [purged] = await t.db.db.select().from(cases).where(eq(cases.id, no[PERSON.name]!));
    expect([t.cipher.decrypt(purged!.nameEnc), t.cipher.decrypt(purged!.idNumberEnc), t.cipher.decrypt(purged!.phoneEnc)]).toEqual(['', '', '']);
    expect(purged).toMatchObject({ nameMasked: '王**', addressEnc: null, addressMasked: null, endNote: null, status: 'closed' });
    const [kept] = await t.db.db.select().from(cases).where(eq(cases.id, no[OTHER.name]!));
    expect(t.cipher.decrypt(kept!.nameEnc)).toBe(OTHER.name);
    const trail = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'case.purge'));
    expect(trail.map((a) => [a.caseId, a.actorOpenId])).toEqual([[no[PERSON.name], 'system']]);
    // Run again: nothing more to purge, nothing audited twice.
    expect(await run('2027-05-21T03:30:00+08:00')).toMatchObject({ purgedCases: 0 });
    expect(await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'case.purge'))).toHaveLength(1);
    // /查看 of the purged case still answers.
    expect(await say(`/查看 #${no[PERSON.name]}`, CADRE, CADRE_P2P, 'p2p')).toContain(`#${no[PERSON.name]}`);
  });
});
