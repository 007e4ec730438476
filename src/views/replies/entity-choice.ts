import type { KnownBlock } from '@slack/types';
import type { EntityRow } from '../../entities/rows';
import { displayName } from '../../words/names';
import { actions, button, context, message, type SlackMessage, section } from './blocks';
import { fitEscaped, LIMITS } from './limits';

export interface Choice {
  object: Record<string, unknown>;
  /** The command the button runs: the same one, with this object's Id. */
  command: string;
}

/** Several objects match a reference: one button per object (number and name), at most ten. */
export function choiceMessage(row: EntityRow, ref: string, choices: Choice[], more: boolean): SlackMessage {
  const text = `Several ${row.label}s match "${ref}": which one?`;
  const usable = choices.filter((c) => c.command.length <= LIMITS.buttonValue);
  // Slack wants the action ids within one actions block to differ.
  const buttons = usable.map((c, i) => button(displayName(c.object, row), `entity_pick_${i}`, c.command));
  const blocks: KnownBlock[] = [section(`🔎 ${fitEscaped(text, 500)}`)];
  for (let i = 0; i < buttons.length; i += 5)
    blocks.push(actions(`entity_pick_${i / 5}`, buttons.slice(i, i + 5)));
  if (more)
    blocks.push(
      context(
        `More than ${choices.length} match: add more words (a last name, the number) to narrow it down.`,
      ),
    );
  return message(text, blocks, 2);
}
