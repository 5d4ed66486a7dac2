import { readFileSync } from 'node:fs';
import { assets } from '../shared/assets';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { categoryNoticesSchema, checkNoticeWording, noticesSectionSchema } from '../notices/notice-policy';
import { toHalfWidth } from './dates';
import { RELEASE_AFTER, RELEASE_NEEDS, type ReleaseRule } from './release';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time "HH:MM"');
const word = z.string().trim().min(1);

const phaseSchema = z
  .object({
    label: word,
    days: z.number().int().positive(),
    testDays: z.array(z.number().int().positive()),
    tempChecksPerDay: z.number().int().min(0).default(0),
    /**
     * Who does the phase's work: the village's people, or an isolation point's own medical
     * staff ("原则上集中隔离人员采样由隔离场所医务人员负责", 001 篇二 §8).
     */
    managedAt: z.enum(['village', 'isolation_point']).default('village'),
  })
  .superRefine((p, ctx) => {
    p.testDays.forEach((d, i) => {
      if (d > p.days) ctx.addIssue({ code: 'custom', path: ['testDays', i], message: `day ${d} is after the phase's ${p.days} days` });
      const prev = p.testDays[i - 1];
      if (prev !== undefined && d <= prev) ctx.addIssue({ code: 'custom', path: ['testDays', i], message: 'test days must be increasing' });
    });
  });

const categorySchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a lower-case code like home_isolation'),
  name: word,
  aliases: z.array(word).default([]),
  /**
   * What day 1 is when a date is typed without saying which: the day the person left the risk
   * area ("管理期限自离开风险区域算起", 001 篇二 §30), arrived ("回乡当日起", proven by a ticket,
   * 004 篇四) or was found ("将排查到的人员的当天作为…第一天", 004 篇四). No date at all: found, today.
   */
  startsFrom: z.enum(['departure', 'arrival', 'found']).default('arrival'),
  phases: z.array(phaseSchema).min(1),
  visitEveryDays: z.number().int().positive().optional(),
  rollCallsPerDay: z.number().int().min(0).default(0),
  /**
   * `managed`: a person under management until released (or transferred, closed). `ledger`: an
   * entry of the work ledger (其他来返, 004 篇五 (四)) closed by its negative test, no release step.
   */
  kind: z.enum(['managed', 'ledger']).default('managed'),
  /**
   * When a managed case may be released and what it needs (src/domain/release.ts); always also
   * no open alert and no positive. A ledger category has none.
   */
  release: z.object({ after: z.enum(RELEASE_AFTER), needs: z.enum(RELEASE_NEEDS) }).strict().optional(),
  /** The team parts a case of this category must have (e.g. the "三人管控专班": village, health centre, police, 004 篇五). */
  teamRequired: z.array(z.string()).default([]),
  /** Hours a sampled test of this category may wait for its result; default results.deadlineHours. */
  resultDeadlineHours: z.number().positive().optional(),
  /** The 告知书 it gets, and when (src/notices). */
  notice: categoryNoticesSchema,
  /**
   * Registered in the village, it goes to central isolation by a transfer: the registration
   * opens a transfer request (the village keeps the person meanwhile, "社区在转运前要做好人员的组织
   * 管理", 001 篇二 §26) and the hand-over moves the case to the point. Its first phase must be
   * at an isolation point.
   */
  transferOnRegister: z.boolean().default(false),
  source: z.string().optional(),
});

const symptomSchema = z.object({ name: word, aliases: z.array(word).default([]) });

/** The grants that give a person a village-level or township-level role (role_grants.role). */
export const TEAM_ROLES = ['cadre', 'doctor', 'sampler', 'grid', 'police', 'village_leader', 'township_cadre'] as const;

/**
 * A part of a case's guarantee team (包保): its label, the words that name it before an
 * @-mention, and the role whose holders take it when mentioned without a word.
 */
const teamPartSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: word,
  aliases: z.array(word).default([]),
  role: z.enum(TEAM_ROLES).optional(),
});

// The parts of the plans' teams: 004 篇二 "二包一" (村干部、小组长、村医; 挂村组长、片区民警), 004 篇四
// "五包一" (第一书记、镇驻村干部、村干部、辅警、村医; 镇驻村干部为负责人), 004 篇五 "三人管控专班"
// (村、卫生院、派出所), 002 篇10 网格员.
const DEFAULT_TEAM_PARTS = [
  { key: 'township_cadre', label: '镇干部', aliases: ['镇驻村干部', '驻村干部', '包保干部'], role: 'township_cadre' as const },
  { key: 'village_cadre', label: '村干部', aliases: ['村组干部', '小组长'], role: 'cadre' as const },
  { key: 'doctor', label: '村医', aliases: ['医生'], role: 'doctor' as const },
  { key: 'police', label: '民警', aliases: ['辅警', '民警/辅警', '派出所'], role: 'police' as const },
  { key: 'grid', label: '网格员', aliases: ['网格'], role: 'grid' as const },
  { key: 'health_centre', label: '卫生院', aliases: ['卫生院医生', '采样员'], role: 'sampler' as const },
];

// The symptoms every plan names (000 篇二, 004 篇四/五, 002 篇9); a policy file may list its own.
const DEFAULT_SYMPTOMS = [
  { name: '发热', aliases: ['发烧', '高烧', '低烧'] },
  { name: '咳嗽', aliases: ['咳'] },
  { name: '干咳', aliases: [] },
  { name: '咽痛', aliases: ['咽喉痛', '喉咙痛', '嗓子痛'] },
  { name: '胸闷', aliases: [] },
  { name: '气促', aliases: ['呼吸困难', '气短', '气喘'] },
  { name: '乏力', aliases: ['无力', '没力气'] },
  { name: '腹泻', aliases: ['拉肚子'] },
  { name: '流涕', aliases: ['流鼻涕', '鼻涕'] },
  { name: '嗅觉或味觉减退', aliases: ['嗅觉减退', '味觉减退', '闻不到', '尝不出味道'] },
  { name: '肌肉酸痛', aliases: ['肌肉痛', '全身酸痛'] },
];

/** A named time window within one day (a temperature check, a roll call). */
const slotSchema = z
  .object({ key: z.string().regex(/^[a-z][a-z0-9_]*$/), label: word, from: hhmm, to: hhmm })
  .refine((s) => s.from < s.to, { message: '"from" must be before "to"', path: ['to'] });

/** A window within one day, township time; windows never cross midnight. */
const windowSchema = z
  .object({ from: hhmm, to: hhmm })
  .refine((w) => w.from < w.to, { message: '"from" must be before "to"', path: ['to'] });

// Defaults keep older policy files valid; the shipped file spells them out.
const DEFAULT_TEST_WINDOW = { from: '08:00', to: '12:00' }; // "Sampling 08:00–12:00" (002 篇4)
const DEFAULT_VISIT_WINDOW = { from: '08:00', to: '18:00' };
const DEFAULT_ROLL_CALL_SLOTS = [
  { key: 'morning', label: '早上', from: '08:00', to: '10:00' },
  { key: 'noon', label: '中午', from: '12:00', to: '14:00' },
  { key: 'evening', label: '晚上', from: '18:00', to: '20:00' },
];

function checkUniqueKeys(slots: { key: string }[], field: string, ctx: z.RefinementCtx): void {
  slots.forEach((s, i) => {
    if (slots.findIndex((o) => o.key === s.key) !== i) {
      ctx.addIssue({ code: 'custom', path: [field, i, 'key'], message: `duplicate slot key "${s.key}"` });
    }
  });
}

export const policySchema = z
  .object({
    thresholds: z.object({
      feverCelsius: z.number().min(35).max(42),
      recheckWithinHours: z.number().positive(),
    }),
    tempSlots: z.array(slotSchema).min(1),
    /** Symptom words of the cards and /体温, with the everyday words that mean them. */
    symptoms: z.array(symptomSchema).min(1).default(() => DEFAULT_SYMPTOMS.map((s) => ({ ...s, aliases: [...s.aliases] }))),
    /**
     * Test results (004 篇四: results "一般在24小时内报告"). A sampled test without a result after
     * deadlineHours is 结果超时. 混管阳性 (001 篇二 §24) plans an individual resample (单采复核)
     * within pooledRecheckWithinHours, whose result is due within recheckDeadlineHours.
     */
    results: z
      .object({
        deadlineHours: z.number().positive().default(24),
        pooledRecheckWithinHours: z.number().positive().default(4),
        recheckDeadlineHours: z.number().positive().default(12),
      })
      .prefault({}),
    /**
     * Who confirms beyond the township's samplers (卫生院 samples door to door, 004 篇五): the
     * village doctors help sample (004 篇二 "配合卫生院进行上门采核酸") and feed back results
     * ("反馈检测结果"). Temperatures are always theirs.
     */
    confirmation: z
      .object({ doctorsMaySample: z.boolean().default(true), doctorsMayRecordResults: z.boolean().default(true) })
      .prefault({}),
    /** What the fever/symptom alert tells people to do (000 篇二; 002 篇9 "呼叫120将患者转运至发热门诊"). */
    alerts: z.object({ feverAdvice: word.default('请立即报告并送发热门诊，必要时拨打120') }).prefault({}),
    /**
     * Guarantee teams (DOMAIN.md "Guarantee teams"): the parts, which one leads, whose work
     * visits and roll calls are, and whether a village group member must be registered as a
     * cadre (by /角色 or by being in a team) to act as one.
     */
    team: z
      .object({
        parts: z.array(teamPartSchema).min(1).default(() => DEFAULT_TEAM_PARTS.map((p) => ({ ...p, aliases: [...p.aliases] }))),
        lead: z.string().default('township_cadre'),
        work: z.object({ visit: z.string().default('village_cadre'), rollcall: z.string().default('village_cadre') }).prefault({}),
        requireCadreGrant: z.boolean().default(true),
      })
      .prefault({}),
    /** Door-to-door sampling (采样) window of a test day. */
    testWindow: windowSchema.default(() => ({ ...DEFAULT_TEST_WINDOW })),
    /** Window of the guarantee team's visit (上门查看) on a visit day. */
    visitWindow: windowSchema.default(() => ({ ...DEFAULT_VISIT_WINDOW })),
    /** Roll-call (点名) slots; a category with rollCallsPerDay N uses the first N. */
    rollCallSlots: z.array(slotSchema).default(() => DEFAULT_ROLL_CALL_SLOTS.map((s) => ({ ...s }))),
    categories: z.array(categorySchema).min(1),
    /** Wording of the 告知书 (src/notices); needed when a category names a notice. */
    notices: noticesSectionSchema.optional(),
    /** Task force names without the word 专班, as the township plan lists them. */
    taskforces: z.array(word).default([]),
    /**
     * Which task force's group hears of what (each must be one of `taskforces`): the testing
     * group gets sampling progress, 结果超时 and 混管阳性 and may enter lab files; the transfer
     * group hears of every positive case.
     */
    /** Corrections ordered by /督查: the deadline when none is written (days after today). */
    supervision: z.object({ correctionDays: z.number().int().min(0).max(30).default(1) }).prefault({}),
    routing: z
      .object({ testing: word.default('核酸检测'), transfer: word.default('转运'), monitoring: word.default('核酸检测'), supervision: word.default('督导检查'), discipline: word.default('纪委'), tracing: word.default('流调溯源') })
      .prefault({}),
    /**
     * Reports each village files with /上报 every day (DOMAIN.md: deadlines differ by plan):
     * a reminder to villages that have not reported, then the deadline, after which HQ gets
     * the list of villages that missed it. report-deadline fires at all these times.
     */
    reports: z
      .array(z.object({ key: word, label: word, remind: hhmm, deadline: hhmm }))
      .min(1)
      .default(() => [{ key: 'daily', label: '日报', remind: '15:00', deadline: '16:00' }]),
    /**
     * Limits on what people type (issue 11): the text after a command (reasons, notes,
     * addresses: every command, checked in one place before it runs), an address, and how far
     * back a registration's date may lie (a period wholly past is already accepted with a
     * warning; beyond this it is a typing mistake, e.g. 0001-01-01).
     */
    limits: z
      .object({
        commandTextChars: z.number().int().min(50).default(500),
        addressChars: z.number().int().min(10).default(100),
        registerMaxDaysAgo: z.number().int().min(1).default(60),
      })
      .prefault({}),
    /**
     * Case lifecycle rules. On /change of category the period either continues from the
     * original start date (the new category's days count from arrival) or restarts today.
     * /extend adds days as a last phase with this label; it ends with a test when the
     * category's release needs a negative test.
     */
    lifecycle: z
      .object({
        onCategoryChange: z.enum(['continue', 'restart']).default('continue'),
        extensionLabel: word.default('延长观察'),
        maxExtensionDays: z.number().int().positive().default(14),
        /** /转运 … 集中隔离 <隔离点>: the case continues under this category at the point (its first phase must be managed at an isolation point). */
        centralIsolationCategory: z.string().optional(),
        /** /转回居家: the category a case back from an isolation point continues under, unless the command names one. */
        homeCategory: z.string().optional(),
      })
      .prefault({}),
    /**
     * Transfers (转运): the hours within which the person must be handed over ("8小时内将密切
     * 接触者转运至集中隔离场所", 001 篇二 §26), and the hours after the request at which HQ is
     * told that the hand-over has not happened yet.
     */
    transfers: z
      .object({
        limitHours: z.number().positive().default(8),
        warnAtHours: z.array(z.number().positive()).min(1).default([6, 8]),
      })
      .prefault({}),
    /**
     * /登记 with several lines registers each person; more lines than this in one message is
     * a list, and lists go through /导入 (a preview to confirm, every row checked first).
     */
    registration: z.object({ maxPerMessage: z.number().int().min(1).max(50).default(20) }).prefault({}),
    /**
     * Lists pushed from above (/下发), checked the same day ("日推日清", 001 篇二 §7): the
     * deadline of the day ("24:00" is the day's end) unless /下发 names its own, the hours
     * before it at which villages with rows left are reminded, and the list's types (类型 column)
     * with the category a row found in the village is registered under (none: a township that
     * takes no lists from above).
     */
    pushLists: z
      .object({
        deadline: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time "HH:MM" or "24:00"').default('24:00'),
        remindBeforeHours: z.array(z.number().positive()).default([4, 1]),
        types: z.array(z.object({ label: word, aliases: z.array(word).default([]), category: word })).default([]),
        /** The type of a row whose 类型 cell is empty. */
        defaultType: word.default('其他'),
        /** Where a person not found in the village is (不在本村). */
        awayReasons: z.array(word).min(1).default(() => ['已离开', '外出务工', '查无此人']),
      })
      .prefault({}),
    /** When each scheduled job fires: times of day in the township's zone (DOMAIN.md rhythms). */
    schedule: z
      .object({
        'test-due': z.array(hhmm).min(1).default(['07:30']),
        'temp-due': z.array(hhmm).min(1).default(['08:00', '15:00']),
        overdue: z.array(hhmm).min(1).default(['12:30', '18:30']),
        'daily-summary': z.array(hhmm).min(1).default(['08:00']),
        'release-due': z.array(hhmm).min(1).default(['09:00']),
        'result-timeout': z.array(hhmm).min(1).default(['09:00', '13:00', '17:00', '21:00']),
        'phase-move': z.array(hhmm).min(1).default(['07:00']),
        'visit-due': z.array(hhmm).min(1).default(['08:00']),
        'team-list': z.array(hhmm).min(1).default(['09:00']),
        'supervision-report': z.array(hhmm).min(1).default(['08:30']),
        'rollcall-due': z.array(hhmm).min(1).default(['08:00', '12:00', '18:00']),
        retention: z.array(hhmm).min(1).default(['03:30']),
      })
      .prefault({}),
    /**
     * How long data is kept (docs/privacy.md). Processed deliveries and delivered messages
     * are only needed for de-duplication and troubleshooting; leftovers (failed messages,
     * abandoned imports, received file names) for an operator to look at; a case's personal
     * data for the plan's follow-up after it ended (export the ledger before it goes).
     */
    retention: z
      .object({
        processedInboxDays: z.number().int().positive().default(3),
        deliveredOutboxDays: z.number().int().positive().default(30),
        leftoverDays: z.number().int().positive().default(30),
        closedCaseDays: z.number().int().positive().default(180),
      })
      .prefault({}),
  })
  .superRefine((p, ctx) => {
    // Every word a cadre may type must lead to exactly one category.
    const owner = new Map<string, string>();
    p.categories.forEach((c, i) => {
      const words: [string, (string | number)[]][] = [
        [c.code, ['code']],
        [c.name, ['name']],
        ...c.aliases.map((a, j): [string, (string | number)[]] => [a, ['aliases', j]]),
      ];
      const own = new Set<string>();
      for (const [w, path] of words) {
        const key = normalizeWord(w);
        const other = owner.get(key);
        if (other !== undefined && !own.has(key)) {
          ctx.addIssue({ code: 'custom', path: ['categories', i, ...path], message: `"${w}" is already used by category ${other}` });
        }
        own.add(key);
        owner.set(key, c.code);
      }
    });
    p.taskforces.forEach((t, i) => {
      if (p.taskforces.indexOf(t) !== i) ctx.addIssue({ code: 'custom', path: ['taskforces', i], message: `duplicate task force "${t}"` });
    });
    for (const [key, name] of Object.entries(p.routing)) {
      if (p.taskforces.length && !p.taskforces.includes(name)) ctx.addIssue({ code: 'custom', path: ['routing', key], message: `"${name}" is not one of the taskforces` });
    }
    const central = p.categories.find((c) => c.code === p.lifecycle.centralIsolationCategory);
    if (p.lifecycle.centralIsolationCategory === undefined) {
      // No transfers to an isolation point in this township's policy.
    } else if (!central) ctx.addIssue({ code: 'custom', path: ['lifecycle', 'centralIsolationCategory'], message: `no category with code "${p.lifecycle.centralIsolationCategory}"` });
    else if (central.phases[0]?.managedAt !== 'isolation_point') {
      ctx.addIssue({ code: 'custom', path: ['lifecycle', 'centralIsolationCategory'], message: `category ${central.code}'s first phase is not managed at an isolation point` });
    }
    const home = p.categories.find((c) => c.code === p.lifecycle.homeCategory);
    if (p.lifecycle.homeCategory === undefined) {
      // /转回居家 then needs the category named.
    } else if (!home) ctx.addIssue({ code: 'custom', path: ['lifecycle', 'homeCategory'], message: `no category with code "${p.lifecycle.homeCategory}"` });
    else if (home.phases.some((ph) => ph.managedAt !== 'village')) {
      ctx.addIssue({ code: 'custom', path: ['lifecycle', 'homeCategory'], message: `category ${home.code} has a phase managed at an isolation point` });
    }
    p.categories.forEach((c, i) => {
      if (c.transferOnRegister && c.phases[0]?.managedAt !== 'isolation_point') {
        ctx.addIssue({ code: 'custom', path: ['categories', i, 'transferOnRegister'], message: `category ${c.code}'s first phase is not managed at an isolation point` });
      }
    });
    p.transfers.warnAtHours.forEach((h, i) => {
      const prev = p.transfers.warnAtHours[i - 1];
      if (prev !== undefined && h <= prev) ctx.addIssue({ code: 'custom', path: ['transfers', 'warnAtHours', i], message: 'warning hours must be increasing' });
    });
    p.pushLists.remindBeforeHours.forEach((h, i) => {
      const prev = p.pushLists.remindBeforeHours[i - 1];
      if (prev !== undefined && h >= prev) ctx.addIssue({ code: 'custom', path: ['pushLists', 'remindBeforeHours', i], message: 'reminder hours must be decreasing' });
    });
    p.pushLists.types.forEach((t, i) => {
      if (!p.categories.some((c) => c.code === t.category)) ctx.addIssue({ code: 'custom', path: ['pushLists', 'types', i, 'category'], message: `no category with code "${t.category}"` });
    });
    if (p.pushLists.types.length > 0 && !p.pushLists.types.some((t) => t.label === p.pushLists.defaultType)) {
      ctx.addIssue({ code: 'custom', path: ['pushLists', 'defaultType'], message: `"${p.pushLists.defaultType}" is not one of pushLists.types` });
    }
    const partKeys = new Set(p.team.parts.map((t) => t.key));
    const knownPart = (key: string, path: (string | number)[]) => {
      if (!partKeys.has(key)) ctx.addIssue({ code: 'custom', path, message: `"${key}" is not one of team.parts` });
    };
    knownPart(p.team.lead, ['team', 'lead']);
    knownPart(p.team.work.visit, ['team', 'work', 'visit']);
    knownPart(p.team.work.rollcall, ['team', 'work', 'rollcall']);
    p.categories.forEach((c, i) => c.teamRequired.forEach((k, j) => knownPart(k, ['categories', i, 'teamRequired', j])));
    checkUniqueKeys(p.team.parts, 'team.parts', ctx);
    checkUniqueKeys(p.tempSlots, 'tempSlots', ctx);
    checkUniqueKeys(p.reports, 'reports', ctx);
    p.reports.forEach((r, i) => {
      if (r.remind >= r.deadline) ctx.addIssue({ code: 'custom', path: ['reports', i, 'remind'], message: 'the reminder must come before the deadline' });
    });
    checkUniqueKeys(p.rollCallSlots, 'rollCallSlots', ctx);
    p.categories.forEach((c, i) => checkReleaseRules(c, ['categories', i], ctx));
    // A word typed after /体温 must mean one symptom.
    const symptomOwner = new Map<string, string>();
    p.symptoms.forEach((s, i) => {
      [s.name, ...s.aliases].forEach((w, j) => {
        const key = normalizeWord(w);
        const other = symptomOwner.get(key);
        if (other !== undefined && other !== s.name) {
          ctx.addIssue({ code: 'custom', path: ['symptoms', i, ...(j === 0 ? ['name'] : ['aliases', j - 1])], message: `"${w}" is already used by symptom ${other}` });
        }
        symptomOwner.set(key, s.name);
      });
    });
    checkNoticeWording(p, ctx);
    // Duties take the first N slots, so a count above the slots defined cannot be planned.
    p.categories.forEach((c, i) => {
      c.phases.forEach((ph, j) => {
        if (ph.tempChecksPerDay > p.tempSlots.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['categories', i, 'phases', j, 'tempChecksPerDay'],
            message: `${ph.tempChecksPerDay} checks a day but only ${p.tempSlots.length} tempSlots are defined`,
          });
        }
      });
      if (c.rollCallsPerDay > p.rollCallSlots.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i, 'rollCallsPerDay'],
          message: `${c.rollCallsPerDay} roll calls a day but only ${p.rollCallSlots.length} rollCallSlots are defined`,
        });
      }
    });
  });

/**
 * Release rules that add up: a rule asking for negative tests needs a test day to ask them of; a
 * ledger entry is closed by its negative test, so it needs one and has no release step.
 */
function checkReleaseRules(c: z.infer<typeof categorySchema>, path: (string | number)[], ctx: z.RefinementCtx): void {
  const hasTestDay = c.phases.some((ph) => ph.testDays.length > 0);
  const issue = (field: string[], message: string) => ctx.addIssue({ code: 'custom', path: [...path, ...field], message: `category ${c.code} (${c.name}): ${message}` });
  if (c.kind === 'ledger') {
    if (c.release) issue(['release'], 'a ledger entry is closed by its negative test and has no release step; remove release');
    if (!hasTestDay) issue(['kind'], 'a ledger entry is closed by its negative test, but no phase has a test day');
    return;
  }
  if (c.release && c.release.needs !== 'nothing' && !hasTestDay) {
    issue(['release', 'needs'], `needs ${c.release.needs} but no phase has a test day`);
  }
}

export type Policy = z.infer<typeof policySchema>;
export type Category = Policy['categories'][number];
export type Phase = Category['phases'][number];
export type TempSlot = Policy['tempSlots'][number];
export type RollCallSlot = Policy['rollCallSlots'][number];
export type TimeWindow = Policy['testWindow'];
export type SymptomWord = Policy['symptoms'][number];

export const DEFAULT_POLICY_PATH = assets.defaultPolicy;

function normalizeWord(w: string): string {
  return toHalfWidth(w).trim().toLowerCase();
}

/** Validates parsed data; the error names every bad field so one edit fixes them all. */
export function parsePolicy(data: unknown, source = 'policy'): Policy {
  const r = policySchema.safeParse(data);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  - ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  throw new Error(`Invalid policy file ${source}:\n${lines.join('\n')}`);
}

export function loadPolicy(path: string = DEFAULT_POLICY_PATH): Policy {
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = path.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new Error(`Cannot parse policy file ${path}: ${(e as Error).message}`);
  }
  return parsePolicy(data, path);
}

/** The push-list type a 类型 cell names (label or alias, normalised as category words are). */
export function findPushType(policy: Pick<Policy, 'pushLists'>, word: string): Policy['pushLists']['types'][number] | null {
  const key = normalizeWord(word);
  if (!key) return null;
  return policy.pushLists.types.find((t) => normalizeWord(t.label) === key || t.aliases.some((a) => normalizeWord(a) === key)) ?? null;
}

export function findCategory(policy: Policy, word: string): Category | null {
  const key = normalizeWord(word);
  if (!key) return null;
  return (
    policy.categories.find(
      (c) => normalizeWord(c.code) === key || normalizeWord(c.name) === key || c.aliases.some((a) => normalizeWord(a) === key),
    ) ?? null
  );
}

/** The category stored on a case. A code the policy no longer has is a configuration error. */
export function categoryByCode(policy: Policy, code: string): Category {
  const found = policy.categories.find((c) => c.code === code);
  if (!found) throw new Error(`category ${code} is stored on cases but the policy no longer has it`);
  return found;
}

/** A stored category as people read it (the code itself if the policy no longer has it). */
export function categoryName(policy: Policy, code: string): string {
  return policy.categories.find((c) => c.code === code)?.name ?? code;
}

export function categoryNames(policy: Policy): string[] {
  return policy.categories.map((c) => c.name);
}

/** A managed category written without release rules is released on its last day, on no abnormality. */
const DEFAULT_RELEASE: ReleaseRule = { after: 'period_end', needs: 'nothing' };

/** The release rules of a category; null for a ledger entry, which has no release step. */
export function releaseRuleOf(category: Category): ReleaseRule | null {
  return category.kind === 'ledger' ? null : (category.release ?? DEFAULT_RELEASE);
}

export function totalDays(category: Category): number {
  return category.phases.reduce((sum, p) => sum + p.days, 0);
}

/** Whether a category's first phase is spent at an isolation point (a registration must say which). */
export function startsAtIsolationPoint(category: Category): boolean {
  return category.phases[0]?.managedAt === 'isolation_point';
}

export type TeamPart = Policy['team']['parts'][number];

/** The team part a word names (its label, an alias or its key), or null. */
export function findTeamPart(policy: Policy, w: string): TeamPart | null {
  const key = normalizeWord(w);
  return policy.team.parts.find((p) => normalizeWord(p.key) === key || normalizeWord(p.label) === key || p.aliases.some((a) => normalizeWord(a) === key)) ?? null;
}

export function teamPartLabel(policy: Policy, key: string): string {
  return policy.team.parts.find((p) => p.key === key)?.label ?? key;
}
