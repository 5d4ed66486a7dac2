import { type CaseRecord, listCases } from '../src/db/repositories/cases.repository';
import { listVillages } from '../src/db/repositories/villages.repository';
import { daysBetween, type IsoDate, todayIn } from '../src/domain/dates';
import { pageNumber, parseListArgs } from '../src/domain/lifecycle-args';
import { canViewVillage, visibleVillages } from '../src/domain/permissions';
import { dayNumber } from '../src/domain/period';
import { categoryName } from '../src/domain/policy';
import { caseText, formatDate } from '../src/messages/cases';
import { lifecycleText } from '../src/messages/lifecycle';
import { UserError } from '../src/shared/user-error';
import { splitArgs } from '../src/domain/field-readers';
import { defineCommand } from './define-command';

// A page must stay readable on a phone.
const PAGE_SIZE = 20;

/** /名单 [村] [类别] [状态] [第2页]: who is under management, soonest release first, masked. */
export const list = defineCommand({
  name: 'list',
  aliases: ['名单', '清单', '在管'],
  effect: 'reads',
  audience: 'cadre',
  async run(ctx, argText) {
    const words = splitArgs(argText);
    const villages = await listVillages(ctx.db);
    const args = parseListArgs(words, { policy: ctx.policy, villageNames: villages.map((v) => v.name) });
    if (!args.ok) throw new UserError(`${args.error === 'bad_page' ? lifecycleText.listBadPage(args.word ?? '') : lifecycleText.listBadWord(args.word ?? '')}\n${lifecycleText.usage.list}`);
    const filter = args.value;

    const named = villages.find((v) => v.name === filter.village);
    const bound = ctx.chat.binding?.kind === 'village' ? ctx.chat.binding.villageId : null;
    if (named && !canViewVillage(ctx.actor, named.id)) throw new UserError(lifecycleText.listNoPermission(named.name));
    const villageIds = named ? [named.id] : bound !== null ? [bound] : visibleVillages(ctx.actor);
    const scope = named?.name ?? villages.find((v) => v.id === bound)?.name ?? (villageIds === 'all' ? lifecycleText.township : villages.filter((v) => villageIds.includes(v.id)).map((v) => v.name).join('、'));

    const { rows, total } = await listCases(ctx.db, {
      villageIds,
      category: filter.category?.code ?? null,
      status: filter.status,
      limit: PAGE_SIZE,
      offset: (filter.page - 1) * PAGE_SIZE,
    });
    if (total === 0) return ctx.reply(lifecycleText.listEmpty);
    const pages = Math.ceil(total / PAGE_SIZE);
    if (rows.length === 0) throw new UserError(lifecycleText.listPageBeyond(pages));

    const lines = rows.map((c) =>
      lifecycleText.listLine({
        id: c.id,
        maskedName: c.nameMasked,
        category: categoryName(ctx.policy, c.category),
        progress: progressOf(c, ctx.today, ctx.timeZone),
        village: c.villageName,
      }),
    );
    const header = lifecycleText.listHeader({
      scope,
      status: lifecycleText.statusFilter[filter.status],
      category: filter.category?.name ?? null,
      total,
      page: filter.page,
      pages,
    });
    const next = filter.page < pages ? [lifecycleText.listNext(nextPageCommand(words, filter.page + 1))] : [];
    await ctx.reply([header, ...lines, ...next].join('\n'));
  },
});

function progressOf(c: CaseRecord, today: IsoDate, timeZone: string): string {
  if (c.status !== 'active') {
    return lifecycleText.progress.left(caseText.status[c.status], c.endedAt ? formatDate(todayIn(timeZone, c.endedAt)) : '');
  }
  const day = dayNumber(c.startDate, today);
  const total = daysBetween(c.startDate, c.endDate) + 1;
  if (day < 1) return lifecycleText.progress.notStarted(c.startDate);
  if (day > total) return lifecycleText.progress.ended(c.endDate);
  return lifecycleText.progress.day(day, total);
}

/** The same filters, the next page: what to type to see more. */
function nextPageCommand(words: string[], page: number): string {
  const filters = words.filter((w) => pageNumber(w) === null);
  return ['/名单', ...filters, `第${page}页`].join(' ');
}
