import { z } from 'zod';

/**
 * A file a demo user sends into a chat from the page. It travels as base64 inside JSON
 * because the page's API takes JSON only (see routes.ts); the cap keeps the simulator's
 * memory and the saved chats small, far under what the import itself accepts.
 */
export const MAX_SENT_FILE_BYTES = 5 * 1024 * 1024;

/** base64 grows 4/3; anything longer cannot decode to an allowed file, so it is refused unread. */
export const MAX_SENT_FILE_BODY_BYTES = Math.ceil(MAX_SENT_FILE_BYTES / 3) * 4 + 4096;

const SendFileBody = z.object({
  from: z.string(),
  chatId: z.string(),
  fileName: z.string().trim().min(1).max(200),
  base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export type SentFileResult =
  | { ok: true; from: string; chatId: string; fileName: string; bytes: Buffer }
  | { ok: false; error: 'bad_request' | 'file_empty' | 'file_too_large' };

export function readSentFile(body: unknown): SentFileResult {
  const parsed = SendFileBody.safeParse(body);
  if (!parsed.success) return { ok: false, error: 'bad_request' };
  const { from, chatId, fileName, base64 } = parsed.data;
  const bytes = Buffer.from(base64, 'base64');
  // Lark refuses empty uploads too, so the page never shows a file the bot could not fetch.
  if (bytes.length === 0) return { ok: false, error: 'file_empty' };
  if (bytes.length > MAX_SENT_FILE_BYTES) return { ok: false, error: 'file_too_large' };
  return { ok: true, from, chatId, fileName, bytes };
}
