import type { ChatBinding } from '../db/repositories/chat-bindings.repository';
import { echo } from './echo';

/** Replies of the township set-up commands: villages, chat bindings, roles, whoami. */
export const adminText = {
  whoami: (input: { roles: string[]; binding: string; isGroup: boolean }) =>
    [`你的角色：${input.roles.length ? input.roles.join('、') : '无（请联系管理员授权）'}`, `${input.isGroup ? '本群' : '本聊天'}：${input.binding}`].join('\n'),
  describeBinding(binding: ChatBinding | null, isGroup: boolean): string {
    if (!isGroup) return '私聊';
    if (!binding) return '未绑定（管理员可用 /绑定 村 东风村）';
    if (binding.kind === 'village') return `${binding.villageName}工作群`;
    if (binding.kind === 'isolation_point') return `${binding.pointName}（隔离点）工作群`;
    if (binding.kind === 'hq') return '指挥部群';
    return `${binding.taskforce}专班群`;
  },
  roleAt: (role: string, places: string[]) => (places.length ? `${role}（${places.join('、')}）` : role),

  pointUsage: '用法：/隔离点 添加 县隔离酒店　或　/隔离点 列表',
  pointsAdded: (added: string[], existing: string[]) =>
    [added.length ? `已添加隔离点：${added.join('、')}` : '', existing.length ? `已存在：${existing.join('、')}` : ''].filter(Boolean).join('\n'),
  pointBadName: (name: string) => `“${echo(name)}”不像隔离点名称（2–30个字，汉字开头）。`,
  pointList: (names: string[]) => (names.length ? `本镇隔离点（${names.length}）：\n${names.join('、')}` : '还没有隔离点。管理员可用 /隔离点 添加 县隔离酒店'),
  unknownPoint: (name: string, names: string[]) =>
    names.length ? `没有“${echo(name)}”这个隔离点。本镇隔离点：${names.join('、')}` : `没有“${echo(name)}”这个隔离点：本镇还没有隔离点，管理员可用 /隔离点 添加 ${echo(name)}`,

  villageUsage: '用法：/村 添加 东风村,红旗村　或　/村 列表',
  villagesAdded: (added: string[], existing: string[]) =>
    [added.length ? `已添加：${added.join('、')}` : '', existing.length ? `已存在：${existing.join('、')}` : '']
      .filter(Boolean)
      .join('\n'),
  villageBadName: (name: string) => `“${echo(name)}”不像村/社区名（2–20个字，汉字开头，不含字母和符号）。`,
  villageList: (names: string[]) => (names.length ? `本镇村/社区（${names.length}）：\n${names.join('、')}` : '还没有村/社区。管理员可用 /村 添加 东风村,红旗村'),

  bindUsage: '用法：/绑定 村 东风村　/绑定 隔离点 县隔离酒店　/绑定 指挥部　/绑定 专班 核酸检测',
  bindUnchanged: (what: string) => `本群已经绑定为：${what}，无需重复绑定。`,
  bindDone: (what: string, previous: string | null) => (previous ? `本群已绑定为：${what}（原为：${previous}）` : `本群已绑定为：${what}`),
  unknownVillage: (name: string, suggestion: string | null) =>
    suggestion ? `村名“${echo(name)}”不在本镇名单，是不是“${suggestion}”？` : `村名“${echo(name)}”不在本镇名单。发送 /村 列表 查看。`,
  unknownTaskforce: (name: string, names: string[]) => `没有“${echo(name)}”专班。可用：${names.join('、')}`,

  roleUsage: '用法：/角色 @某人 村医 东风村　/角色 @某人 村干部 东风村　/角色 @某人 采样员　/角色 @某人 隔离点医务 县隔离酒店　/角色 @某人 组长　/角色 @某人 -村医',
  roleNeedsMention: '请在命令里 @ 要授权的人，例如：/角色 @张医生 村医 东风村',
  roleUnknown: (word: string) => `没有“${echo(word)}”这个角色。可用：村医、采样员、隔离点医务、组长、管理员。`,
  roleMedicNeedsPoint: '授予隔离点医务要写隔离点，例如：/角色 @李护士 隔离点医务 县隔离酒店（在隔离点群里可省略）。',
  roleNeedsVillage: (role: string, who: string) => `授予${role}要写村名，例如：/角色 @${who} ${role} 东风村（在村群里可省略村名）。`,
  roleGranted: (who: string, role: string) => `已授予 ${who}：${role}`,
  roleAlready: (who: string, role: string) => `${who} 已经是${role}。`,
  roleRemoved: (who: string, role: string) => `已取消 ${who} 的${role}角色。`,
  roleNotHeld: (who: string, role: string) => `${who} 没有${role}角色。`,
  roleNoPermission: '只有管理员或组长可以授权；只有管理员可以授予管理员。',
};
