import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/domain/policy';
import { ROLE_TABLE, rolesAllow, villagesAllowing } from '../../src/domain/roles';

const confirmation = (doctorsMaySample: boolean) => ({ doctorsMaySample, doctorsMayRecordResults: doctorsMaySample });

describe('the role table', () => {
  it('is the table the README shows, role by role and capability by capability', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = readme.split('<!-- roles-table -->')[1]!.split('<!-- /roles-table -->')[0]!;
    const rows = block.trim().split('\n').slice(2).map((line) => line.split('|').map((c) => c.trim()).filter(Boolean));
    const shown = Object.fromEntries(rows.map(([role, scope, can]) => [role, { scope, can: can!.split(', ').map((c) => c.replace(/ \(if \w+\)$/, '')) }]));
    const coded = Object.fromEntries(Object.entries(ROLE_TABLE).map(([role, d]) => [role, { scope: d.scope, can: [...d.can] }]));
    expect(shown).toEqual(coded);
  });

  it('keeps release, forced release, unmasked export and granting for leads and admins', () => {
    for (const capability of ['release', 'force_release', 'export_unmasked', 'grant_roles'] as const) {
      const holders = Object.entries(ROLE_TABLE).filter(([, d]) => (d.can as readonly string[]).includes(capability)).map(([r]) => r);
      expect(holders.sort()).toEqual(['admin', 'lead']);
    }
  });

  it('lets a village role act in its own village only', () => {
    const roles = [{ role: 'cadre' as const, villageId: 1 }];
    expect(rolesAllow(roles, 'register', { kind: 'village', id: 1 })).toBe(true);
    expect(rolesAllow(roles, 'register', { kind: 'village', id: 2 })).toBe(false);
    expect(rolesAllow(roles, 'release', { kind: 'township' })).toBe(false);
    expect(villagesAllowing(roles, 'view_case')).toEqual([1]);
    expect(villagesAllowing([{ role: 'hq_member' }], 'view_case')).toBe('all');
    expect(villagesAllowing([{ role: 'hq_member' }], 'register')).toEqual([]);
  });

  it('leaves the work inside an isolation point to its own staff (and admins), while leads see it', () => {
    const point = { kind: 'point' as const, id: 7 };
    expect(rolesAllow([{ role: 'sampler' }], 'sample', point)).toBe(false);
    expect(rolesAllow([{ role: 'lead' }], 'view_cards', point)).toBe(true);
    expect(rolesAllow([{ role: 'lead' }], 'act_on_alert', point)).toBe(false);
    expect(rolesAllow([{ role: 'point_medic', pointId: 7 }], 'sample', point)).toBe(true);
    expect(rolesAllow([{ role: 'point_medic', pointId: 8 }], 'sample', point)).toBe(false);
    expect(rolesAllow([{ role: 'admin' }], 'record_temp', point)).toBe(true);
  });

  it("gives doctors sampling and results only while the policy's switches say so", () => {
    const doctor = [{ role: 'doctor' as const, villageId: 1 }];
    const village = { kind: 'village' as const, id: 1 };
    expect(rolesAllow(doctor, 'sample', village, confirmation(true))).toBe(true);
    expect(rolesAllow(doctor, 'sample', village, confirmation(false))).toBe(false);
    expect(rolesAllow(doctor, 'record_result', village, loadPolicy().confirmation)).toBe(loadPolicy().confirmation.doctorsMayRecordResults);
    expect(rolesAllow(doctor, 'record_temp', village, confirmation(false))).toBe(true);
  });
});
