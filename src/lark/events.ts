import { z } from 'zod';

/** Shapes of what Lark delivers (LARK.md §1–4). Parsed after verification and decryption. */

export const UrlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string(),
  token: z.string().optional(),
});

export const EnvelopeV2Schema = z.object({
  schema: z.literal('2.0'),
  header: z.object({
    event_id: z.string().min(1),
    event_type: z.string().min(1),
    token: z.string(),
    create_time: z.string().optional(),
    tenant_key: z.string().optional(),
    app_id: z.string().optional(),
  }),
  event: z.record(z.string(), z.unknown()),
});
export type EnvelopeV2 = z.infer<typeof EnvelopeV2Schema>;

export const EnvelopeV1Schema = z.object({
  type: z.literal('event_callback'),
  uuid: z.string(),
  token: z.string(),
  event: z.record(z.string(), z.unknown()),
});

const UserIdSchema = z.object({
  open_id: z.string().optional(),
  user_id: z.string().optional(),
  union_id: z.string().optional(),
});

export const MentionSchema = z.object({
  key: z.string(),
  id: UserIdSchema,
  name: z.string().optional(),
});
export type Mention = z.infer<typeof MentionSchema>;

export const MessageEventSchema = z.object({
  sender: z.object({
    sender_id: UserIdSchema,
    sender_type: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string().min(1),
    parent_id: z.string().optional(),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(MentionSchema).optional(),
  }),
});
export type MessageEvent = z.infer<typeof MessageEventSchema>;

export const CardActionEventSchema = z.object({
  operator: UserIdSchema,
  token: z.string().optional(),
  action: z.object({
    value: z.record(z.string(), z.unknown()).optional(),
    tag: z.string().optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    input_value: z.string().optional(),
    option: z.string().optional(),
    checked: z.boolean().optional(),
  }),
  context: z
    .object({
      open_message_id: z.string().optional(),
      open_chat_id: z.string().optional(),
    })
    .optional(),
});
export type CardActionEvent = z.infer<typeof CardActionEventSchema>;

/** Legacy message-card callback (card.action.trigger_v1): flat, no envelope. */
export const LegacyCardActionSchema = z.object({
  open_id: z.string(),
  open_message_id: z.string().optional(),
  open_chat_id: z.string().optional(),
  token: z.string().optional(),
  action: CardActionEventSchema.shape.action,
});

/** im.chat.member.user.added_v1 / deleted_v1 and im.chat.member.bot.deleted_v1 (SDK typings: users carry their names). */
export const ChatMemberEventSchema = z.object({
  chat_id: z.string().min(1),
  users: z.array(z.object({ name: z.string().optional(), user_id: UserIdSchema })).optional(),
});
export type ChatMemberEvent = z.infer<typeof ChatMemberEventSchema>;

export const CHAT_MEMBER_EVENTS = ['im.chat.member.user.added_v1', 'im.chat.member.user.deleted_v1', 'im.chat.member.bot.deleted_v1'] as const;
export type ChatMemberEventType = (typeof CHAT_MEMBER_EVENTS)[number];
export const isChatMemberEvent = (eventType: string): eventType is ChatMemberEventType => (CHAT_MEMBER_EVENTS as readonly string[]).includes(eventType);

/**
 * What the inbox keeps of an event, to process after the ack: messages (deduplicated by
 * message id too) and chat member changes. null: a type the bot does not handle;
 * 'unreadable': a handled type in a shape we cannot read.
 */
export interface InboxEntry {
  messageId: string | null;
  /** For round-robin claiming by chat and the per-sender budget. */
  chatKey: string;
  senderKey: string | null;
  payload: unknown;
}

export function inboxEntryOf(eventType: string, event: unknown): InboxEntry | 'unreadable' | null {
  if (eventType === 'im.message.receive_v1') {
    const parsed = MessageEventSchema.safeParse(event);
    if (!parsed.success) return 'unreadable';
    const { message, sender } = parsed.data;
    return { messageId: message.message_id, chatKey: message.chat_id, senderKey: sender.sender_id.open_id ?? null, payload: parsed.data };
  }
  if (isChatMemberEvent(eventType)) {
    const change = ChatMemberEventSchema.safeParse(event);
    return change.success ? { messageId: null, chatKey: change.data.chat_id, senderKey: null, payload: change.data } : 'unreadable';
  }
  return null;
}
