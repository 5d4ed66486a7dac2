import type { Database } from '../db/client';
import type { DataCipher } from '../shared/data-cipher';

/**
 * The outbox's data key. Every caller writes through a database handle or one of its
 * transactions, and a transaction shares its handle's dialect object: the key is bound to
 * that, once at start, so no caller has to carry the cipher to enqueue a message.
 */
const ciphers = new WeakMap<object, DataCipher>();
const dialectOf = (db: Database): object => (db as unknown as { dialect: object }).dialect;

export function bindOutboxCipher(db: Database, cipher: DataCipher): void {
  ciphers.set(dialectOf(db), cipher);
}

export function outboxCipher(db: Database): DataCipher {
  const cipher = ciphers.get(dialectOf(db));
  if (!cipher) throw new Error('the outbox has no data key for this database: call bindOutboxCipher at start');
  return cipher;
}

/** The stored form of an operation: where it goes in clear, what it says sealed. */
export function sealOperation(cipher: DataCipher, op: Record<string, unknown>): { operation: Record<string, unknown>; contentEnc: string | null } {
  const { content, sealedData, ...rest } = op;
  // A file's bytes are sealed by whoever wrote them; sealing them again would only double their size.
  if (typeof sealedData === 'string') return { operation: rest, contentEnc: sealedData };
  if (typeof content === 'string') return { operation: rest, contentEnc: cipher.encrypt(content) };
  return { operation: rest, contentEnc: null };
}

/**
 * The operation as written, or without its content when that cannot be opened (another key,
 * damaged): the worker then finds it invalid and sets it aside instead of sending garbage.
 */
export function openOperation(cipher: DataCipher, operation: unknown, contentEnc: string | null): unknown {
  if (contentEnc === null || !operation || typeof operation !== 'object') return operation;
  const op = operation as Record<string, unknown>;
  if (op.kind === 'file') return { ...op, sealedData: contentEnc };
  try {
    return { ...op, content: cipher.decrypt(contentEnc) };
  } catch {
    return op;
  }
}
