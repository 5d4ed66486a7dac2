import type { Database } from '../db/client';
import type { Card } from '../cards/card';
import { enqueueOutbound } from '../outbox/outbox.repository';

/** Posts a card to each chat, through the outbox (in the caller's transaction). Returns how many. */
export async function postCard(db: Database, chatIds: string[], card: Card): Promise<number> {
  for (const chatId of chatIds) {
    await enqueueOutbound(db, { kind: 'send', receiveIdType: 'chat_id', receiveId: chatId, msgType: 'interactive', content: JSON.stringify(card) });
  }
  return chatIds.length;
}

/** Posts a text to each chat, through the outbox (in the caller's transaction). Returns how many. */
export async function postText(db: Database, chatIds: string[], text: string): Promise<number> {
  for (const chatId of chatIds) {
    await enqueueOutbound(db, { kind: 'send', receiveIdType: 'chat_id', receiveId: chatId, msgType: 'text', content: JSON.stringify({ text }) });
  }
  return chatIds.length;
}
