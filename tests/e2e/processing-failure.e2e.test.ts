import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, inbox } from '../../src/db/schema';
import { idCheckChar } from '../../src/domain/id-number';
import { common } from '../../src/messages/common';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';

describe('a delivery whose processing keeps failing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    const id = '11010519800101001';
    await t.say(`/登记 张三 ${id + idCheckChar(id)} 13812345678 居家隔离 东风村`, { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    // A policy edit that dropped a category still in use: /查看 cannot render the case.
    await t.db.db.update(cases).set({ category: 'withdrawn_category' });
  });
  afterAll(() => t.close());

  it('is retried, then given up with one apology, and never half-applied', async () => {
    const { replies, messageId } = await t.say('/查看 #1', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    expect(replies).toEqual([]);
    const row = async () => (await t.db.db.select().from(inbox).where(eq(inbox.messageId, messageId)))[0]!;
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1 });

    for (const attempts of [2, 3]) {
      await t.settle();
      expect((await row()).attempts).toBe(attempts - 1);
      t.clock.now = new Date(t.clock.now.getTime() + 10_000);
      await t.settle();
      expect((await row()).attempts).toBe(attempts);
    }
    expect(await row()).toMatchObject({ status: 'failed', payloadEnc: null });
    const answers = t.fake.messages.filter((m) => m.replyTo === messageId);
    expect(answers.map((m) => (m.parsedContent as { text: string }).text)).toEqual([common.deliveryFailed]);
  });
});
