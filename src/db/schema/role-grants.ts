import { integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { isolationPoints } from './isolation-points';
import { villages } from './villages';

/** Roles that group membership cannot give: a doctor of one village, a point's medical staff, a sampler, a lead, an admin. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: serial('id').primaryKey(),
    openId: text('open_id').notNull(),
    role: text('role', { enum: ['doctor', 'lead', 'admin', 'sampler', 'point_medic', 'cadre', 'grid', 'police', 'village_leader', 'township_cadre'] }).notNull(),
    villageId: integer('village_id').references(() => villages.id),
    pointId: integer('point_id').references(() => isolationPoints.id),
    grantedBy: text('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('role_grants_unique_place').on(t.openId, t.role, sql`coalesce(${t.villageId}, 0)`, sql`coalesce(${t.pointId}, 0)`)],
);
