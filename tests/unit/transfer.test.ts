import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/domain/policy';
import { checkStep, nextStep, parseTransferRequestArgs, transferClock, warningsDue } from '../../src/domain/transfer';

const policy = loadPolicy();
const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+08:00`);

describe('transfer steps', () => {
  it('go 已派车 → 已接走 → 已交接, and nothing after', () => {
    expect([nextStep('requested'), nextStep('dispatched'), nextStep('picked_up'), nextStep('handed_over'), nextStep('cancelled')]).toEqual(['dispatched', 'picked_up', 'handed_over', null, null]);
  });

  it('refuse a step out of order naming the one that comes first, and tell a step already taken', () => {
    expect(checkStep('requested', 'dispatched')).toEqual({ ok: true });
    expect(checkStep('requested', 'handed_over')).toEqual({ ok: false, why: 'out_of_order', first: 'dispatched' });
    expect(checkStep('dispatched', 'handed_over')).toEqual({ ok: false, why: 'out_of_order', first: 'picked_up' });
    expect(checkStep('picked_up', 'dispatched')).toEqual({ ok: false, why: 'done' });
    expect(checkStep('handed_over', 'picked_up')).toEqual({ ok: false, why: 'over' });
    expect(checkStep('cancelled', 'dispatched')).toEqual({ ok: false, why: 'over' });
  });
});

describe('the transfer clock', () => {
  it('counts minutes since the request against the policy limit', () => {
    expect(transferClock({ requestedAt: at('10:00'), now: at('12:15'), policy })).toEqual({ minutes: 135, deadline: at('18:00'), overdue: false });
    expect(transferClock({ requestedAt: at('10:00'), now: at('18:00'), policy }).overdue).toBe(true);
  });

  it('gives the warning hours reached and not yet told', () => {
    expect(warningsDue({ requestedAt: at('10:00'), now: at('15:59'), warnedHours: 0, policy })).toEqual([]);
    expect(warningsDue({ requestedAt: at('10:00'), now: at('16:00'), warnedHours: 0, policy })).toEqual([6]);
    expect(warningsDue({ requestedAt: at('10:00'), now: at('18:30'), warnedHours: 0, policy })).toEqual([6, 8]);
    expect(warningsDue({ requestedAt: at('10:00'), now: at('18:30'), warnedHours: 8, policy })).toEqual([]);
  });
});

describe('/转运申请 arguments', () => {
  it('read the destination, a category spent at a point, and the reason, masking numbers', () => {
    const read = (text: string) => parseTransferRequestArgs(text.split(' '), policy);
    const central = read('集中隔离 密接');
    expect(central.ok && [central.value.destination, central.value.category?.code, central.value.reason]).toEqual(['central', 'close_contact', '密接']);
    const plain = read('集中 同住人阳性');
    expect(plain.ok && [plain.value.destination, plain.value.category, plain.value.reason]).toEqual(['central', null, '同住人阳性']);
    // A category managed in the village is no category at a point: the word is the reason.
    const home = read('集中隔离 居家隔离');
    expect(home.ok && [home.value.category, home.value.reason]).toEqual([null, '居家隔离']);
    const hospital = read('医院 发热 电话13912345678');
    expect(hospital.ok && [hospital.value.destination, hospital.value.category, hospital.value.reason]).toEqual(['hospital', null, '发热 电话139****5678']);
    expect(read('')).toEqual({ ok: false, error: 'no_destination' });
    expect(read('火星')).toEqual({ ok: false, error: 'bad_destination', word: '火星' });
  });
});
