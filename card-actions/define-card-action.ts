import type { z } from 'zod';
import type { Database } from '../src/db/client';
import type { IsoDate } from '../src/domain/dates';
import type { Actor } from '../src/domain/permissions';
import type { Policy } from '../src/domain/policy';
import type { DataCipher } from '../src/shared/data-cipher';
import type { CardActionResponse } from '../src/lark/card-action-handler';

/** Everything a button handler may use. All writes go through `db`, the open transaction. */
export interface CardActionContext {
  db: Database;
  actor: Actor;
  chatId: string | null;
  messageId: string | null;
  formValue: Record<string, unknown>;
  now: Date;
  today: IsoDate;
  timeZone: string;
  policy: Policy;
  cipher: DataCipher;
}

export interface CardActionDefinition<V = unknown> {
  /** The `action` field of the button's callback value. */
  action: string;
  /** The rest of the value, validated before `run`. */
  value: z.ZodType<V>;
  run(ctx: CardActionContext, value: V): Promise<CardActionResponse>;
}

export const defineCardAction = <V>(def: CardActionDefinition<V>): CardActionDefinition<V> => def;
