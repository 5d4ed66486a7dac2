import type { CardColor } from './card';

/**
 * A card's header says what it holds: red when something on it is an alert, orange when work
 * is waiting, green only when everything on it is fine.
 */
export function contentColor(input: { alerts: number; work: number }): CardColor {
  if (input.alerts > 0) return 'red';
  if (input.work > 0) return 'orange';
  return 'green';
}
