/** Types of markdown.js (browser code, served as is). */
export declare function escapeHtml(s: unknown): string;
export declare function renderMarkdown(text: string, nameOf: (openId: string) => string | undefined): string;
export declare function renderText(text: string, nameOf: (openId: string) => string | undefined): string;
