import type { KnownBlock } from '@slack/types';
import { actions, button, context, message, type SlackMessage, section } from './blocks';
import { fitEscaped, LIMITS } from './limits';

/** Buttons per message: past this many PBXs the person types `--pbx` instead. */
const MAX_BUTTONS = 25;

export interface PbxOption {
  name: string;
  /** Labels, e.g. `site: Leeds`, shown beside the name. */
  note?: string;
  /** What the button runs: the command with `--pbx <name>`. */
  command: string;
}

/**
 * A channel bound to no PBX, in a bot with several: the person picks one. Nothing is sent to any PBX before the
 * pick; the button runs the same command on the chosen PBX, for the clicker, with their own permissions.
 */
export function pbxChoiceMessage(command: string, options: PbxOption[]): SlackMessage {
  const shown = `/3cx ${command}`;
  const text = `Which PBX should \`${fitEscaped(shown, 300)}\` run on? This channel is not bound to one.`;
  const usable = options.filter((o) => o.command.length <= LIMITS.buttonValue).slice(0, MAX_BUTTONS);
  const buttons = usable.map((o, i) =>
    button(o.note ? `${o.name} · ${o.note}` : o.name, `pbx_pick_${i}`, o.command),
  );
  const blocks: KnownBlock[] = [section(`🏢 ${text}`)];
  for (let i = 0; i < buttons.length; i += 5)
    blocks.push(actions(`pbx_pick_${i / 5}`, buttons.slice(i, i + 5)));
  const names = options.map((o) => o.name).join(', ');
  blocks.push(
    context(
      usable.length < options.length
        ? `PBXs: ${names}. Add \`--pbx <name>\` to the command to choose one.`
        : 'Nothing has been sent to any PBX yet. Add `--pbx <name>` to a command to choose at once; an admin can bind this channel to a PBX (channels.pbx in BOT_CONFIG).',
    ),
  );
  return message(text, blocks, 2);
}
