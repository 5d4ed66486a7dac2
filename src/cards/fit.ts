import { withinBudget } from './check/check-card';

/**
 * The most rows, up to `max`, a card holds within Lark's budget (200 elements counted
 * Lark's way, 30 KB): `build(n)` makes the card with n rows and grows with n. With several
 * builds (mixes of row states), the card must fit for each. 0 when not even one row fits.
 */
export function mostRowsThatFit(max: number, ...builds: ((rows: number) => unknown)[]): number {
  let fits = 0;
  let tooMany = max + 1;
  while (tooMany - fits > 1) {
    const mid = Math.floor((fits + tooMany) / 2);
    if (builds.every((build) => withinBudget(build(mid)))) fits = mid;
    else tooMany = mid;
  }
  return fits;
}
