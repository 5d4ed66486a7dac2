import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { villages } from './villages';

/**
 * A case's guarantee team (包保: "二包一", "三人管控专班", "五包一", DOMAIN.md): named people and
 * their part (a key of the policy's team.parts). The team is who the case's work belongs to.
 */
export const caseTeamMembers = pgTable(
  'case_team_members',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    part: text('part').notNull(),
    openId: text('open_id').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.part, t.openId] }), index('case_team_members_person').on(t.openId)],
);

/** A village's standing team: who takes each part of a new case's team unless the registration names someone. */
export const villageTeamDefaults = pgTable(
  'village_team_defaults',
  {
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    part: text('part').notNull(),
    openId: text('open_id').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.part, t.openId] })],
);
