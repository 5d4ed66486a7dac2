import { z } from 'zod';

const ReceiveIdType = z.enum(['chat_id', 'open_id']);

/** One outbound Lark call, as stored in outbox.operation. */
export const OutboundOperationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('send'),
    receiveIdType: ReceiveIdType,
    receiveId: z.string(),
    msgType: z.enum(['text', 'interactive']),
    content: z.string(),
  }),
  z.object({
    kind: z.literal('reply'),
    messageId: z.string(),
    /** Where to send instead if the message replied to is gone (recalled or deleted). */
    chatId: z.string(),
    msgType: z.enum(['text', 'interactive']),
    content: z.string(),
  }),
  z.object({
    /** Replace a card we sent: by its Lark message id, or by the outbox row that sent it. */
    kind: z.literal('patch'),
    chatId: z.string(),
    messageId: z.string().optional(),
    outboxId: z.number().int().optional(),
    content: z.string(),
  }),
  z.object({
    /** Upload a file, then send it as a file message. The bytes may be personal data: sealed. */
    kind: z.literal('file'),
    receiveIdType: ReceiveIdType,
    receiveId: z.string(),
    fileName: z.string(),
    fileType: z.enum(['xls', 'pdf', 'doc', 'stream']),
    sealedData: z.string(),
  }),
]);
export type OutboundOperation = z.infer<typeof OutboundOperationSchema>;

/** Ordering key: messages to one chat (or one person) are delivered in the order written. */
export function targetOf(op: OutboundOperation): string {
  switch (op.kind) {
    case 'reply':
    case 'patch':
      return op.chatId;
    case 'send':
    case 'file':
      return op.receiveId;
  }
}
