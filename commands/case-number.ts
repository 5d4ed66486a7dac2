import { z } from 'zod';
import { splitArgs } from '../src/domain/field-readers';

/** "#12", "12", "＃１２" → 12 */
export const CaseNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^[#＃]/, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)))
  .pipe(z.string().regex(/^\d{1,9}$/))
  .transform(Number);

/** The case number a command starts with, and the words after it; null when there is none. */
export function readCaseNumber(argText: string): { id: number; rest: string[] } | null {
  const [first = '', ...rest] = splitArgs(argText);
  const id = CaseNumberSchema.safeParse(first);
  return id.success ? { id: id.data, rest } : null;
}
