import { pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const villages = pgTable('villages', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
