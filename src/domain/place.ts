/**
 * Where a day's work is done and its cards go: a village (its doctors and cadres) or an
 * isolation point (its own medical staff, 001 篇二 §8).
 */
export type Place = { kind: 'village'; id: number } | { kind: 'point'; id: number };

export const villagePlace = (id: number): Place => ({ kind: 'village', id });
export const pointPlace = (id: number): Place => ({ kind: 'point', id });

/** The place of a duty: its point when the point's staff do it, else its village. */
export function placeOfDuty(d: { villageId: number; pointId: number | null }): Place {
  return d.pointId === null ? villagePlace(d.villageId) : pointPlace(d.pointId);
}

export const samePlace = (a: Place, b: Place): boolean => a.kind === b.kind && a.id === b.id;

/** How a card's buttons name their place (the callback value): { villageId } or { pointId }. */
export function placeValue(place: Place): { villageId: number } | { pointId: number } {
  return place.kind === 'village' ? { villageId: place.id } : { pointId: place.id };
}

/** The place a card's button names (see placeValue). */
export function placeOfValue(value: { villageId?: number; pointId?: number }): Place {
  return value.pointId !== undefined ? pointPlace(value.pointId) : villagePlace(value.villageId!);
}
