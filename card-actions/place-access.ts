import type { ChatBinding } from '../src/db/repositories/chat-bindings.repository';
import { type Actor, canSeeCards } from '../src/domain/permissions';
import type { Place } from '../src/domain/place';

/**
 * May this press act on (or show) the place a day-card button names? The value comes from
 * the client and can be forged (issue 11, finding 5), so it is checked on every press:
 * in a group bound to a village or an isolation point the card can only be that place's;
 * elsewhere (a private chat, HQ) the presser must work for the place — the rule /今日 uses.
 */
export function mayUsePlace(actor: Actor, binding: ChatBinding | null, place: Place): boolean {
  if (binding?.kind === 'village') return place.kind === 'village' && place.id === binding.villageId;
  if (binding?.kind === 'isolation_point') return place.kind === 'point' && place.id === binding.pointId;
  return canSeeCards(actor, place);
}
