import { z } from 'zod';
import { getDutiesByIds } from '../src/db/repositories/duties.repository';
import { parseTemperature } from '../src/domain/duties';
import { canRecordTemperature } from '../src/domain/permissions';
import { readSymptom } from '../src/domain/symptoms';
import { dutyText } from '../src/messages/duties';
import { confirmTemperature } from '../src/services/duty-actions';
import { dayTempsCard } from '../src/services/day-cards';
import { placeOfDuty, placeOfValue, samePlace } from '../src/domain/place';
import { defineCardAction } from './define-card-action';
import { placeDayValue, Slot } from './values';

const Symptoms = z.array(z.string().max(40)).max(20).catch([]);

/**
 * The 「今日体温」 form: every filled row is recorded, empty rows are skipped, and a single
 * unreadable temperature refuses the whole form (nothing half-recorded).
 */
export const tempSubmit = defineCardAction({
  action: 'temp.submit',
  value: placeDayValue({ slot: Slot }),
  async run(ctx, value) {
    const place = placeOfValue(value);
    if (!canRecordTemperature(ctx.actor, place)) return { toast: { type: 'error', content: dutyText.toast.refused.temp(ctx.policy, place) } };
    // The form names its inputs t_<duty id>: read just those duties, and only the card's own.
    const ids = Object.keys(ctx.formValue).flatMap((k) => (/^t_(\d+)$/.exec(k) ? [Number(k.slice(2))] : []));
    const rows = (await getDutiesByIds(ctx.db, ids)).filter(
      (d) => samePlace(placeOfDuty(d), place) && d.dueDate === value.date && d.kind === 'temp' && d.slot === value.slot && d.status === 'pending' && d.caseStatus === 'active',
    );
    const entries: { dutyId: number; celsius: number; symptoms: string[] }[] = [];
    const wrong: string[] = [];
    for (const d of rows.sort((a, b) => a.caseId - b.caseId)) {
      const typed = String(ctx.formValue[`t_${d.id}`] ?? '').trim();
      // The check boxes carry the policy's words; anything else is recorded as 其他 with its text.
      const symptoms = Symptoms.parse(ctx.formValue[`s_${d.id}`]).flatMap((w) => {
        const r = readSymptom(ctx.policy, w);
        return r.kind === 'none' ? [] : [r.recorded];
      });
      if (!typed) continue;
      const t = parseTemperature(typed);
      if (t.ok) entries.push({ dutyId: d.id, celsius: t.celsius, symptoms });
      else wrong.push(`#${d.caseId}“${typed}”`);
    }
    if (wrong.length) return { toast: { type: 'error', content: dutyText.toast.tempsInvalid(wrong) } };
    if (!entries.length) return { toast: { type: 'warning', content: dutyText.toast.tempsNothing } };
    let abnormal = 0;
    for (const e of entries) if ((await confirmTemperature(ctx, e.dutyId, e.celsius, e.symptoms)).abnormal) abnormal++;
    return {
      toast: { type: abnormal ? 'warning' : 'success', content: dutyText.toast.tempsRecorded(entries.length, abnormal) },
      card: { type: 'raw', data: await dayTempsCard(ctx.db, { place, date: value.date, slot: value.slot, page: value.page, timeZone: ctx.timeZone, policy: ctx.policy }) },
    };
  },
});
