import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { isolationPoints } from './isolation-points';
import { villages } from './villages';

/**
 * A person under management. The id is the case number cadres see (#12).
 * Name, ID number, phone and address are stored sealed (encrypted); keyed hashes of the ID
 * number and of the normalised name find duplicates and lookups without decrypting. The birth
 * date is read from the ID number when it is needed.
 */
export const cases = pgTable(
  'cases',
  {
    id: serial('id').primaryKey(),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    /** Sealed full name; lists and groups read name_masked, lookups name_hash (keyed hash of the normalised name). */
    nameEnc: text('name_enc').notNull(),
    nameMasked: text('name_masked').notNull(),
    nameHash: text('name_hash').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    /** Sealed 联系人备注: whose phone it is (母亲, 本人), as typed in brackets after the number. */
    contactNoteEnc: text('contact_note_enc'),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    category: text('category').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** What day 1 is (DOMAIN.md "Start of the period"): the day the person left the risk area, arrived, or was found. */
    startBasis: text('start_basis', { enum: ['departure', 'arrival', 'found'] }).notNull().default('arrival'),
    /** The isolation point the person is at now; null while in their village. */
    isolationPointId: integer('isolation_point_id').references(() => isolationPoints.id),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    /** Sealed address and the masked form shown in groups. */
    addressEnc: text('address_enc'),
    addressMasked: text('address_masked'),
    status: text('status', { enum: ['active', 'released', 'transferred', 'closed'] })
      .notNull()
      .default('active'),
    /** Days added by /extend to the category's period (an extra phase at the end). */
    extensionDays: integer('extension_days').notNull().default(0),
    /** 1 at registration; /return after a transfer starts the next. */
    periodNo: integer('period_no').notNull().default(1),
    /** When the case left management (released, transferred, closed); null while active. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Why it left: 解除 / 强制解除, the transfer destination, or the close reason. */
    endReason: text('end_reason'),
    /** The place of a transfer, the note of a close, or the reason of a forced release. */
    endNote: text('end_note'),
    /** When the retention job removed the person's data (policy retention.closedCaseDays after the case ended). */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    registeredBy: text('registered_by').notNull(),
    registeredInChat: text('registered_in_chat').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One active case per person: the database, not a read-then-write race, guarantees it.
    uniqueIndex('cases_one_active_per_person').on(t.idNumberHash).where(sql`${t.status} = 'active'`),
    index('cases_village_status').on(t.villageId, t.status),
    index('cases_name_hash').on(t.nameHash),
  ],
);
