import { addDays, type IsoDate } from '../domain/dates';
import type { RegisterFieldError } from '../domain/register-args';
import { formatDate } from './cases';
import { echo } from './echo';

/** A complete, valid registration (the ID's check digit is right; a test guards it). */
export const REGISTER_EXAMPLE_ID = '110105198005200036';

/** The example line, with a village when the chat is not bound to one (it is required then). */
export function registerExample(village: string | null = null, arrival = '11月20日'): string {
  const parts = ['/登记', '张三', REGISTER_EXAMPLE_ID, '13812345678', '居家隔离', arrival];
  if (village) parts.push(village);
  parts.push('幸福路8号');
  return parts.join(' ');
}

/** A second example: a name typed with a space, a phone with whose it is, a group as the address. */
export function registerExampleNoted(village: string | null = null): string {
  return ['/登记', '孙 丽', REGISTER_EXAMPLE_ID, '13812345678（母亲）', '三天三检', ...(village ? [village] : []), '九组'].join(' ');
}

/**
 * The example as shown to users: its arrival date is a few days before today, so a copied
 * example never fails as "still in the future" (a fixed 11月20日 does from late May on).
 */
export function registerExampleOn(today: IsoDate, village: string | null = null): string {
  return registerExample(village, formatDate(addDays(today, -3)));
}

const MAX_LISTED = 12;

function list(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).join('、');
  return names.length > MAX_LISTED ? `${shown}等` : shown;
}

/** One problem of a registration, in words (also used for rows of an import). */
export function registerErrorLine(e: RegisterFieldError): string {
  switch (e.field) {
    case 'name':
      switch (e.code) {
        case 'missing':
          return '缺少姓名（如 张三、买买提·艾力）';
        case 'unreadable':
          return `没有认出姓名：${e.seen.map((w) => `“${w}”`).join('')}不像姓名（2–6个汉字，如 张三、买买提·艾力）`;
        case 'ambiguous':
          return `“${e.values[0]}”和“${e.values[1]}”都像姓名：一条只登记一个人（多人请每人一行）；如果“${e.values[1]}”是地址，请写成 地址:${e.values[1]}`;
      }
      break;
    case 'idNumber':
      switch (e.code) {
        case 'missing':
          return '缺少身份证号（18位）';
        case 'conflict':
          return '写了两个不同的身份证号，请只留一个';
        case 'length':
          return '身份证号应为18位';
        case 'chars':
          return '身份证号只能是数字，最后一位可为X';
        case 'birth_date':
          return '身份证号里的出生日期不对（第7–14位）';
        case 'checksum':
          return '身份证号校验位不对（请核对最后一位）';
      }
      break;
    case 'phone':
      switch (e.code) {
        case 'missing':
          return '缺少手机号（11位，以1开头）';
        case 'conflict':
          return '写了两个不同的手机号，请只留一个';
        case 'invalid':
          return `手机号应为11位、以1开头（收到${e.digits}位）`;
      }
      break;
    case 'category':
      switch (e.code) {
        case 'missing':
          return `缺少类别，可用：${list(e.valid)}`;
        case 'unknown':
          return `类别“${echo(e.value)}”不存在，可用：${list(e.valid)}`;
        case 'conflict':
          return `类别只能写一个（收到 ${e.values.join('、')}）`;
      }
      break;
    case 'date':
      switch (e.code) {
        case 'invalid':
          return `日期“${echo(e.value)}”不存在，请写如 11月20日`;
        case 'future':
          return `日期“${echo(e.value)}”还没到，不能晚于今天`;
        case 'conflict':
          return `日期只能写一个（收到 ${e.values.join('、')}）`;
        case 'basis_without_date':
          return `写了“${echo(e.value)}”但没有写日期，请写如 ${echo(e.value)} 11月20日`;
        case 'before_birth':
          return `日期“${echo(e.value)}”早于身份证上的出生日期（${e.birthDate}），请核对日期`;
        case 'too_old':
          return `日期“${echo(e.value)}”是${e.maxDaysAgo}天以前，请核对（写到达或离开的日期，如 11月20日）`;
      }
      break;
    case 'address':
      return `地址太长（${e.length}个字），最多${e.max}个字，请只写到门牌号`;
    case 'village':
      switch (e.code) {
        case 'missing':
          return e.valid.length > 0 ? `缺少村名，可用：${list(e.valid)}` : '缺少村名，本镇还没有村名单，请联系管理员';
        case 'unknown':
          return e.suggestion
            ? `村名“${echo(e.value)}”不在本镇名单，是不是“${e.suggestion}”？`
            : `村名“${echo(e.value)}”不在本镇名单`;
        case 'not_bound':
          return `本群只能登记${e.bound}的人员，不能登记“${echo(e.value)}”`;
        case 'conflict':
          return `村名只能写一个（收到 ${e.values.join('、')}）`;
      }
      break;
  }
  return '';
}

/** One short reply naming every problem, then a correct example to copy. */
export function renderRegisterErrors(errors: RegisterFieldError[], exampleText: string = registerExample()): string {
  const lines = errors.map(registerErrorLine).filter((l) => l !== '');
  return ['登记未成功，请修改后重发：', ...lines.map((l) => `• ${l}`), `示例：${exampleText}`].join('\n');
}

/** The reply to several registrations in one message (one person per line). */
export const multiRegisterText = {
  tooMany: (lines: number, max: number) =>
    `这条消息有 ${lines} 行登记，一条消息最多登记 ${max} 人。人数多请用表格导入：把 xlsx 或 csv 名单发到本群，再发 /导入（先看预览，确认后才导入）。`,
  created: (line: number, id: number, nameMasked: string) => `• 第${line}行 #${id} ${nameMasked}`,
  failed: (line: number, problems: string[]) => [`• 第${line}行：`, ...problems.filter(Boolean).map((p) => `  ${p}`)].join('\n'),
  summary: (input: { total: number; done: string[]; failed: string[] }) =>
    [
      `共 ${input.total} 行：已登记 ${input.done.length} 人${input.failed.length ? `，未成功 ${input.failed.length} 行` : ''}。`,
      ...(input.done.length ? ['已登记：', ...input.done] : []),
      ...(input.failed.length ? ['未成功（改好后只重发这几行）：', ...input.failed] : []),
      ...(input.done.length ? ['发送 /查看 #编号 看详情。'] : []),
    ].join('\n'),
} as const;
