import type { Paragraph } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { type Docx, loadDocx } from '../shared/lazy-modules';
import { fillPlaceholders, type NoticeKind, type NoticePlaceholder, type NoticesSection, type NoticeWording } from './notice-policy';

// Sizes in half-points, as Word counts them: 二号 (22 pt) title, 四号 (14 pt) body on exact
// 24 pt lines, so the longest notice stays on one A4 page in Word, WPS and LibreOffice alike.
// The first line is indented two characters: in hundredths of a character (Word, WPS), and
// in twips for readers that ignore that. Lines and gaps in twentieths of a point.
const TITLE_SIZE = 44;
const BODY_SIZE = 28;
const FIRST_LINE_CHARS = 200;
const FIRST_LINE_TWIPS = 560;
const LINE = 480;
const GAP = 240;
const DOCUMENT_XML = 'word/document.xml';

/**
 * One .docx with a notice for each person, each on its own page (its own section), so a
 * batch prints in one go. Values fill the wording's placeholders; nothing else is added.
 */
export async function noticeDocument(input: { section: NoticesSection; kind: NoticeKind; people: Record<NoticePlaceholder, string>[] }): Promise<Buffer> {
  const template = await templateOf(input.section, input.kind);
  const pages = input.people.map((values, i) => {
    const page = i === input.people.length - 1 ? template.lastPage : template.page;
    return fillPlaceholders(page, escapeXmlValues(values));
  });
  const files = { ...template.files, [DOCUMENT_XML]: strToU8(template.head + pages.join('') + template.tail) };
  return Buffer.from(zipSync(files));
}

/**
 * Laying out thousands of pages with the docx object model takes seconds (about 2 ms a page),
 * too long inside an import's transaction. So the library lays out the wording once, with its
 * placeholders, as two identical sections; a document is then the first section's XML filled
 * in once per person but the last, and the second's (which closes the body) for the last.
 */
interface Template {
  files: Record<string, Uint8Array>;
  head: string;
  page: string;
  lastPage: string;
  tail: string;
}

const templates = new WeakMap<NoticesSection, Map<NoticeKind, Promise<Template>>>();

function templateOf(section: NoticesSection, kind: NoticeKind): Promise<Template> {
  const byKind = templates.get(section) ?? new Map<NoticeKind, Promise<Template>>();
  templates.set(section, byKind);
  let template = byKind.get(kind);
  if (!template) {
    template = buildTemplate(section[kind]!, section.fonts);
    byKind.set(kind, template);
  }
  return template;
}

async function buildTemplate(wording: NoticeWording, fonts: NoticesSection['fonts']): Promise<Template> {
  const docx = await loadDocx();
  const files = unzipSync(await docx.Packer.toBuffer(new docx.Document({ sections: [0, 1].map(() => ({ children: noticeParagraphs(docx, wording, fonts) })) })));
  const xml = strFromU8(files[DOCUMENT_XML]!);
  const bodyStart = xml.indexOf('<w:body>') + '<w:body>'.length;
  const firstBreak = xml.indexOf('</w:p>', xml.indexOf('<w:sectPr', bodyStart)) + '</w:p>'.length;
  const bodyEnd = xml.lastIndexOf('</w:body>');
  if (bodyStart < '<w:body>'.length || firstBreak < bodyStart || bodyEnd < firstBreak) throw new Error('unexpected document.xml from the docx library');
  return { files, head: xml.slice(0, bodyStart), page: xml.slice(bodyStart, firstBreak), lastPage: xml.slice(firstBreak, bodyEnd), tail: xml.slice(bodyEnd) };
}

function noticeParagraphs(docx: Docx, wording: NoticeWording, fonts: NoticesSection['fonts']): Paragraph[] {
  const { AlignmentType, LineRuleType, Paragraph, TextRun } = docx;
  const body = (text: string, options: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number } = {}) =>
    new Paragraph({
      alignment: options.align ?? AlignmentType.JUSTIFIED,
      indent: options.indent ? { firstLine: FIRST_LINE_TWIPS, firstLineChars: FIRST_LINE_CHARS } : undefined,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: options.before ?? 0 },
      children: [new TextRun({ text, font: fonts.body, size: BODY_SIZE })],
    });
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: GAP * 2 },
      children: [new TextRun({ text: wording.title, font: fonts.title, size: TITLE_SIZE, bold: true })],
    }),
    body(wording.greeting),
    ...wording.paragraphs.map((p) => body(p, { indent: true })),
    ...wording.signature.map((s, i) => body(s, { align: AlignmentType.RIGHT, before: i === 0 ? GAP * 2 : 0 })),
    ...wording.receipt.map((r, i) => body(r, { align: AlignmentType.LEFT, before: i === 0 ? GAP * 3 : 0 })),
  ];
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXmlValues(values: Record<NoticePlaceholder, string>): Record<NoticePlaceholder, string> {
  const out = { ...values };
  for (const key of Object.keys(out) as NoticePlaceholder[]) out[key] = out[key].replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
  return out;
}
