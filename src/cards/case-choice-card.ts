import { buildCard, button, type Card, plainText, row } from './card';

/**
 * Several people of the name typed: one masked line each with a button that runs the
 * command again with that case's number (card action command.run).
 */
export function caseChoiceCard(input: { title: string; choices: { id: number; line: string; label: string; text: string }[]; more: string | null }): Card {
  return buildCard({
    title: input.title,
    // A question for the presser: nothing is wrong and nothing is done yet.
    color: 'blue',
    elements: [
      ...input.choices.map((c) => row(c.line, [button(c.label, { action: 'command.run', text: c.text }, 'primary')])),
      ...(input.more ? [plainText(input.more)] : []),
    ],
  });
}
