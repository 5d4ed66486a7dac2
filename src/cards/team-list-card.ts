import { teamListText } from '../messages/team-list';
import { buildCard, type Card, markdown } from './card';
import { mostRowsThatFit } from './fit';

export interface TeamListRow {
  id: number;
  name: string;
  category: string;
  day: number;
  team: string;
  /** A required part is missing: the list is orange. */
  incomplete: boolean;
}

/** 「二包一名单」 of a village: every case under management with its team, as many as fit, then how many more. */
export function teamListCard(input: { villageName: string; date: string; rows: TeamListRow[] }): Card {
  const build = (n: number) => {
    const shown = input.rows.slice(0, n);
    const more = input.rows.length - shown.length;
    return buildCard({
      title: teamListText.title(input.villageName, input.rows.length),
      color: input.rows.some((r) => r.incomplete) ? 'orange' : 'blue',
      elements: [markdown(teamListText.intro(input.date)), ...shown.map((r) => markdown(teamListText.row(r))), ...(more ? [markdown(teamListText.more(more))] : [])],
    });
  };
  return build(mostRowsThatFit(input.rows.length, build));
}
