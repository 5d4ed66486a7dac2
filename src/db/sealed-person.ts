import { maskAddress, maskName } from '../domain/mask';
import { normalizePersonName } from '../domain/person-name';
import type { DataCipher } from '../shared/data-cipher';

/** How a case's name and address are stored: sealed, masked for lists and groups, and the name's lookup hash. */
export interface SealedPerson {
  nameEnc: string;
  nameMasked: string;
  nameHash: string;
  addressEnc: string | null;
  addressMasked: string | null;
  contactNoteEnc: string | null;
}

export function sealPerson(cipher: DataCipher, input: { name: string; address: string | null; contactNote?: string | null }): SealedPerson {
  return {
    nameEnc: cipher.encrypt(input.name),
    nameMasked: maskName(input.name),
    nameHash: nameLookupHash(cipher, input.name),
    addressEnc: input.address === null ? null : cipher.encrypt(input.address),
    addressMasked: input.address === null ? null : maskAddress(input.address),
    contactNoteEnc: input.contactNote ? cipher.encrypt(input.contactNote) : null,
  };
}

/** The index key for finding cases by a typed name (see normalizePersonName). */
export function nameLookupHash(cipher: DataCipher, name: string): string {
  return cipher.lookupHash(`name:${normalizePersonName(name)}`);
}
