/** Types of card-renderer.js (browser code, served as is). */
export interface RenderContext {
  nameOf: (openId: string) => string | undefined;
  inForm?: boolean;
}
export declare function renderCard(card: unknown, ctx: RenderContext): string;
export declare function renderElements(elements: unknown, ctx: RenderContext): string;
export declare function renderElement(element: Record<string, unknown>, ctx: RenderContext): string;
export declare function renderTextObject(text: unknown, ctx: RenderContext): string;
export declare function callbackValue(element: Record<string, unknown>): Record<string, unknown> | null;
export declare function tableCell(value: unknown, column: Record<string, unknown>, ctx: RenderContext): string;
export declare function renderChart(spec: Record<string, unknown>): string;
