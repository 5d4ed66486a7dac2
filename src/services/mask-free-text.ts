import { inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { cases } from '../db/schema';
import { nameLookupHash } from '../db/sealed-person';
import { maskName, scrubText } from '../domain/mask';
import type { DataCipher } from '../shared/data-cipher';

// Runs of Han characters (a middle dot allowed inside, as in 买买提·艾力): names are found inside them.
const HAN_RUN = /[\u4e00-\u9fff][\u4e00-\u9fff·・]*/gu;
// Chinese names are 2–4 characters; transliterated ones with a middle dot up to 8.
const NAME_LENGTHS = [2, 3, 4, 5, 6, 7, 8];
// A note is short; past this many candidates the rest of the text is masked by shape only.
const MAX_CANDIDATES = 2000;

function candidateNames(text: string): string[] {
  const found = new Set<string>();
  for (const [run] of text.matchAll(HAN_RUN)) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      for (const n of NAME_LENGTHS) {
        if (i + n > chars.length || found.size >= MAX_CANDIDATES) break;
        found.add(chars.slice(i, i + n).join(''));
      }
    }
  }
  return [...found];
}

/**
 * Free text to be stored or shown (a /上报 note): IDs and phones masked by their shape, and
 * any word that is the name of someone registered masked as lists show names. Names have no
 * shape, so only the ones we know can be found: every stretch of Han characters that could be
 * a name (also inside a longer word: 欧阳娜娜已核) is looked up by the keyed name hash, in one query.
 */
export async function maskFreeText(db: Database, cipher: DataCipher, text: string): Promise<string> {
  const scrubbed = scrubText(text);
  const words = candidateNames(scrubbed);
  if (words.length === 0) return scrubbed;
  const byHash = new Map(words.map((w) => [nameLookupHash(cipher, w), w]));
  const known = await db.selectDistinct({ hash: cases.nameHash }).from(cases).where(inArray(cases.nameHash, [...byHash.keys()]));
  let out = scrubbed;
  // Longest first: 欧阳娜娜 before a registered 欧阳.
  for (const word of known.map((k) => byHash.get(k.hash)!).sort((a, b) => b.length - a.length)) {
    out = out.split(word).join(maskName(word));
  }
  return out;
}
