import { z } from 'zod';

/**
 * The written notices (告知书) the village hands to a person under management, and which one
 * each category gets when (004 篇五: "向居家隔离人员发放隔离告知书 … 按要求发放解除隔离告知书；
 * 向3天3检、3天2检人员发放居家健康管理告知书"). The wording is the township's, in the policy.
 */
export const NOTICE_KINDS = ['release', 'home_isolation', 'health_management'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** When a notice is due: when the person comes under management, or when released. */
export const NOTICE_MOMENTS = ['start', 'release'] as const;
export type NoticeMoment = (typeof NOTICE_MOMENTS)[number];

/** What a notice's wording may put in braces, e.g. {name}; the document fills them in. */
export const NOTICE_PLACEHOLDERS = ['name', 'idNumber', 'category', 'start', 'end', 'days', 'village', 'date', 'township'] as const;
export type NoticePlaceholder = (typeof NOTICE_PLACEHOLDERS)[number];

const word = z.string().trim().min(1);
const PLACEHOLDER = /\{([^{}]*)\}/g;

const categoryNoticeSchema = z.object({ kind: z.enum(NOTICE_KINDS), at: z.enum(NOTICE_MOMENTS) });

/** A category's notices: one (`notice: { kind, at }`), a list of them, or none. At most one per moment. */
export const categoryNoticesSchema = z
  .union([categoryNoticeSchema.transform((n) => [n]), z.array(categoryNoticeSchema)])
  .default([])
  .superRefine((notices, ctx) => {
    notices.forEach((n, i) => {
      if (notices.findIndex((o) => o.at === n.at) !== i) {
        ctx.addIssue({ code: 'custom', path: [i, 'at'], message: `two notices at "${n.at}": a category gets at most one notice at each moment` });
      }
    });
  });
export type CategoryNotice = z.infer<typeof categoryNoticeSchema>;

/**
 * One notice's text. Layout: the title centred, the greeting on its own line, the paragraphs
 * indented, the signature lines right-aligned, then the receipt lines (签收) for the person to sign.
 */
const wordingSchema = z.object({
  title: word,
  greeting: word,
  paragraphs: z.array(word).min(1),
  signature: z.array(word).default([]),
  receipt: z.array(word).default([]),
});
export type NoticeWording = z.infer<typeof wordingSchema>;

export const noticesSectionSchema = z
  .object({
    /** The township's name, for {township} (the issuer signs as e.g. "{township}疫情防控指挥部"). */
    township: word,
    /** Fonts installed with WPS and Word in Chinese: the title's and the body's. */
    fonts: z.object({ title: word, body: word }),
    release: wordingSchema.optional(),
    home_isolation: wordingSchema.optional(),
    health_management: wordingSchema.optional(),
  })
  .superRefine((section, ctx) => {
    for (const kind of NOTICE_KINDS) {
      const wording = section[kind];
      if (!wording) continue;
      const texts: [string, (string | number)[]][] = [
        [wording.title, ['title']],
        [wording.greeting, ['greeting']],
        ...(['paragraphs', 'signature', 'receipt'] as const).flatMap((field) => wording[field].map((t, i): [string, (string | number)[]] => [t, [field, i]])),
      ];
      for (const [text, path] of texts) {
        for (const name of unknownPlaceholders(text)) {
          ctx.addIssue({
            code: 'custom',
            path: [kind, ...path],
            message: `unknown placeholder {${name}}; a notice may use ${NOTICE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
          });
        }
      }
    }
  });
export type NoticesSection = z.infer<typeof noticesSectionSchema>;

function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !(NOTICE_PLACEHOLDERS as readonly string[]).includes(name));
}

/** Every notice a category names needs its wording in the `notices` section. */
export function checkNoticeWording(
  policy: { notices?: NoticesSection; categories: { code: string; notice: CategoryNotice[] }[] },
  ctx: z.RefinementCtx,
): void {
  policy.categories.forEach((c, i) => {
    c.notice.forEach((n, j) => {
      if (!policy.notices?.[n.kind]) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i, 'notice', j, 'kind'],
          message: `category ${c.code} gets notice "${n.kind}", which has no wording: add notices.${n.kind}`,
        });
      }
    });
  });
}

/** Which notice a category gets at this moment, or null when none. */
export function noticeFor(category: { notice: readonly CategoryNotice[] }, moment: NoticeMoment): NoticeKind | null {
  return category.notice.find((n) => n.at === moment)?.kind ?? null;
}

/** The text with each {placeholder} filled in (the policy check admits known ones only). */
export function fillPlaceholders(text: string, values: Record<NoticePlaceholder, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name as NoticePlaceholder] ?? whole);
}
