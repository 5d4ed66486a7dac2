import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildMessageEvent, signedRequest } from './lark-delivery';
import { ENCRYPT_KEY, type TestApp, unixSeconds, VERIFICATION_TOKEN } from './test-app';

/**
 * Files in chats, as Lark delivers them: a `file` message ({file_key, file_name}) whose bytes
 * the fake serves through the message resource API.
 */
export async function sendFile(
  t: TestApp,
  input: { from: string; chatId: string; fileName: string; bytes: Buffer; chatType?: 'group' | 'p2p' },
): Promise<{ messageId: string; fileKey: string; replies: string[] }> {
  const fileKey = `file_v3_${crypto.randomBytes(8).toString('hex')}`;
  const { messageId, replies } = await deliver(t, {
    from: input.from,
    chatId: input.chatId,
    chatType: input.chatType,
    messageType: 'file',
    content: { file_key: fileKey, file_name: input.fileName },
    beforeSettle: (id) => t.fake.addResource(id, fileKey, input.bytes, input.fileName),
  });
  return { messageId, fileKey, replies };
}

/** A text command sent as a reply to another message (Lark sets parent_id). */
export async function sayReplying(t: TestApp, text: string, input: { from: string; chatId: string; parentId: string }) {
  return deliver(t, {
    from: input.from,
    chatId: input.chatId,
    messageType: 'text',
    content: { text: `@_user_1 ${text}` },
    parentId: input.parentId,
    atBot: true,
  });
}

async function deliver(
  t: TestApp,
  input: {
    from: string;
    chatId: string;
    chatType?: 'group' | 'p2p';
    messageType: string;
    content: Record<string, unknown>;
    parentId?: string;
    atBot?: boolean;
    beforeSettle?: (messageId: string) => void;
  },
): Promise<{ messageId: string; replies: string[] }> {
  const event = buildMessageEvent({
    content: input.content,
    messageType: input.messageType,
    chatId: input.chatId,
    chatType: input.chatType ?? 'group',
    senderOpenId: input.from,
    mentions: input.atBot ? [{ key: '@_user_1', openId: t.fake.botOpenId, name: 'homewatch' }] : [],
    parentId: input.parentId,
    token: VERIFICATION_TOKEN,
    createTimeMs: t.clock.now.getTime(),
  });
  const messageId = event.event.message.message_id;
  t.fake.registerIncoming(messageId, input.chatId);
  input.beforeSettle?.(messageId);
  const before = t.fake.messages.length;
  await t.post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(t.clock.now) }));
  await t.settle();
  const replies = t.fake.messages
    .slice(before)
    .filter((m) => m.replyTo === messageId)
    .map((m) => (m.msgType === 'text' ? String((m.parsedContent as { text: string }).text) : m.content));
  return { messageId, replies };
}

/** An xlsx with one sheet: the header row, then the data rows (row 2 on). */
export async function xlsxOf(rows: (string | number | Date | null)[][], sheetName = '名单'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads an xlsx the bot sent: sheet name → rows of cell values (1-based columns dropped to 0-based). */
export async function readXlsx(bytes: Buffer): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    sheets.set(sheet.name, rows);
  }
  return sheets;
}

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/**
 * Reads a .docx the bot sent, as Word would lay it out: pages (sections, each starting on a
 * new page) of paragraph texts. Fails on anything that is not a Word document.
 */
export async function readDocx(bytes: Buffer): Promise<string[][]> {
  const zip = await JSZip.loadAsync(bytes);
  const types = await zip.file('[Content_Types].xml')?.async('string');
  if (!types?.includes('wordprocessingml.document.main+xml')) throw new Error('not a Word document');
  const xml = await zip.file('word/document.xml')!.async('string');
  const pages: string[][] = [[]];
  for (const [p] of xml.matchAll(/<w:p>.*?<\/w:p>|<w:p\/>/g)) {
    const text = [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&\w+;/g, (e) => XML_ENTITIES[e] ?? e)).join('');
    pages.at(-1)!.push(text);
    // A section's properties sit in its last paragraph; the next section starts a new page.
    if (p.includes('<w:sectPr')) pages.push([]);
  }
  return pages.filter((page) => page.length > 0);
}
