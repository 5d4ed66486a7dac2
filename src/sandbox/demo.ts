/**
 * The demo township the sandbox starts with: who speaks, in which chats, and the commands
 * the administrator types on first start to set it up.
 */

export type DemoUserKey = 'admin' | 'cadre' | 'doctor' | 'sampler' | 'medic' | 'lead' | 'member' | 'dispatcher' | 'tracer';
export type DemoChatKey = 'hq' | 'dongfeng' | 'hongqi' | 'testing' | 'hotel' | 'transfer' | 'tracing';

export interface DemoUser {
  key: DemoUserKey;
  openId: string;
  name: string;
}

export interface DemoChat {
  key: DemoChatKey;
  chatId: string;
  name: string;
  members: DemoUserKey[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { key: 'admin', openId: 'ou_sandbox_admin', name: '管理员' },
  { key: 'cadre', openId: 'ou_sandbox_dongfeng_cadre', name: '东风村村干部' },
  { key: 'doctor', openId: 'ou_sandbox_dongfeng_doctor', name: '东风村村医' },
  { key: 'sampler', openId: 'ou_sandbox_sampler', name: '卫生院采样员' },
  { key: 'medic', openId: 'ou_sandbox_hotel_medic', name: '隔离点医生' },
  { key: 'lead', openId: 'ou_sandbox_hq_lead', name: '指挥部组长' },
  { key: 'member', openId: 'ou_sandbox_hq_member', name: '指挥部成员' },
  { key: 'dispatcher', openId: 'ou_sandbox_transfer_dispatcher', name: '转运调度员' },
  { key: 'tracer', openId: 'ou_sandbox_tracer', name: '流调员' },
];

export const DEMO_CHATS: readonly DemoChat[] = [
  { key: 'hq', chatId: 'oc_sandbox_hq', name: '指挥部群', members: ['admin', 'lead', 'member'] },
  { key: 'dongfeng', chatId: 'oc_sandbox_dongfeng', name: '东风村群', members: ['admin', 'cadre', 'doctor', 'sampler', 'lead'] },
  { key: 'hongqi', chatId: 'oc_sandbox_hongqi', name: '红旗村群', members: ['admin', 'sampler', 'lead'] },
  { key: 'testing', chatId: 'oc_sandbox_testing', name: '核酸检测专班群', members: ['admin', 'lead', 'doctor', 'sampler'] },
  { key: 'hotel', chatId: 'oc_sandbox_hotel', name: '县隔离酒店群', members: ['admin', 'medic', 'lead'] },
  { key: 'transfer', chatId: 'oc_sandbox_transfer', name: '转运专班群', members: ['admin', 'lead', 'dispatcher'] },
  // The county's lists (密接, 时空伴随 …) arrive here and are pushed to the villages with /下发.
  { key: 'tracing', chatId: 'oc_sandbox_tracing', name: '流调溯源专班群', members: ['admin', 'lead', 'tracer'] },
];

/** The bootstrap administrator, as HOMEWATCH_ADMINS names one in production. */
export const DEMO_ADMIN = DEMO_USERS.find((u) => u.key === 'admin')!;

export interface SeedStep {
  chat: DemoChatKey;
  text: string;
}

/**
 * Typed by the administrator, in order, waiting for each answer. The real commands (not
 * repository calls) set the township up, so the seed obeys the same rules as any
 * administrator and leaves the setup visible in the chats as a worked example.
 */
export const SEED_STEPS: readonly SeedStep[] = [
  { chat: 'hq', text: '/村 添加 东风村 红旗村' },
  { chat: 'hq', text: '/绑定 指挥部' },
  { chat: 'dongfeng', text: '/绑定 村 东风村' },
  { chat: 'hongqi', text: '/绑定 村 红旗村' },
  { chat: 'testing', text: '/绑定 专班 核酸检测' },
  { chat: 'transfer', text: '/绑定 专班 转运' },
  { chat: 'tracing', text: '/绑定 专班 流调溯源' },
  { chat: 'dongfeng', text: '/角色 @东风村村医 村医' },
  { chat: 'dongfeng', text: '/角色 @东风村村干部 村干部' },
  { chat: 'dongfeng', text: '/包保 默认 东风村 村干部 @东风村村干部 村医 @东风村村医' },
  { chat: 'testing', text: '/角色 @卫生院采样员 采样员' },
  { chat: 'hq', text: '/隔离点 添加 县隔离酒店' },
  { chat: 'hotel', text: '/绑定 隔离点 县隔离酒店' },
  { chat: 'hotel', text: '/角色 @隔离点医生 隔离点医务' },
  { chat: 'hq', text: '/角色 @指挥部组长 组长' },
];

export const demoUser = (key: DemoUserKey): DemoUser => DEMO_USERS.find((u) => u.key === key)!;
export const demoChat = (key: DemoChatKey): DemoChat => DEMO_CHATS.find((c) => c.key === key)!;
