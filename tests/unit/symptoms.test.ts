import { describe, expect, it } from 'vitest';
import { evaluateTemperature } from '../../src/domain/duties';
import { loadPolicy, parsePolicy } from '../../src/domain/policy';
import { readSymptom, symptomChoices } from '../../src/domain/symptoms';

const policy = loadPolicy();

describe('symptoms from the policy', () => {
  it('lists the symptoms every plan names (000 篇二, 004 篇四), then 其他', () => {
    expect(symptomChoices(policy)).toEqual(['发热', '咳嗽', '干咳', '咽痛', '胸闷', '气促', '乏力', '腹泻', '流涕', '嗅觉或味觉减退', '肌肉酸痛', '其他']);
  });

  it.each([
    ['发热', '发热'], ['发烧', '发热'], ['高烧', '发热'], ['低烧', '发热'],
    ['咳嗽', '咳嗽'], ['咳', '咳嗽'], ['干咳', '干咳'],
    ['咽痛', '咽痛'], ['喉咙痛', '咽痛'], ['嗓子痛', '咽痛'], ['咽喉痛', '咽痛'],
    ['胸闷', '胸闷'],
    ['气促', '气促'], ['呼吸困难', '气促'], ['气短', '气促'], ['气喘', '气促'],
    ['乏力', '乏力'], ['无力', '乏力'], ['没力气', '乏力'],
    ['腹泻', '腹泻'], ['拉肚子', '腹泻'],
    ['流涕', '流涕'], ['流鼻涕', '流涕'], ['鼻涕', '流涕'],
    ['嗅觉或味觉减退', '嗅觉或味觉减退'], ['嗅觉减退', '嗅觉或味觉减退'], ['味觉减退', '嗅觉或味觉减退'], ['闻不到', '嗅觉或味觉减退'],
    ['肌肉酸痛', '肌肉酸痛'], ['全身酸痛', '肌肉酸痛'], ['肌肉痛', '肌肉酸痛'],
    ['其他', '其他'],
  ])('reads %s as %s', (word, recorded) => {
    expect(readSymptom(policy, word)).toEqual({ kind: 'known', recorded });
  });

  it('records an unknown word as 其他 with the original text, never refuses it', () => {
    expect(readSymptom(policy, '头晕')).toEqual({ kind: 'other', recorded: '其他（头晕）', typed: '头晕' });
  });

  it('reads 无 / 没有 / 正常 as no symptom', () => {
    for (const w of ['无', '没有', '无症状', '正常']) expect(readSymptom(policy, w)).toEqual({ kind: 'none' });
  });

  it('makes any recorded symptom abnormal, 其他 included', () => {
    expect(evaluateTemperature({ celsius: 36.5, symptoms: ['其他（头晕）'], policy }).reasons).toEqual(['symptom']);
    expect(evaluateTemperature({ celsius: 36.5, symptoms: [], policy }).abnormal).toBe(false);
  });

  it('refuses a policy where one word means two symptoms', () => {
    const bad = { ...structuredClone(policy), symptoms: [{ name: '咳嗽', aliases: ['咳'] }, { name: '干咳', aliases: ['咳'] }] };
    expect(() => parsePolicy(bad)).toThrow(/symptoms\.1\.aliases\.0: "咳" is already used by symptom 咳嗽/);
  });
});
