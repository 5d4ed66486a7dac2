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
