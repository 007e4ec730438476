import type { KnownBlock } from '@slack/types';
import type { EntityUsage } from '../../entities/help';
import type { EntityRow } from '../../entities/rows';
import { context, header, message, type SlackMessage, section } from './blocks';
import { capital } from './entity-card';
import { inlineCode } from './limits';

/** `help <entity>`: the verbs this person may run, the fields by their short names, three examples. */
export function entityHelpMessage(
  row: EntityRow,
  usage: EntityUsage,
  mayRun: (op: string) => boolean,
): SlackMessage {
  const verbs = usage.verbs.filter((v) => mayRun(v.op)).map((v) => `• ${inlineCode(`/3cx ${v.line}`, 200)}`);
  const blocks: KnownBlock[] = [header(`/3cx help: ${row.plural}`)];
  if (verbs.length === 0) {
    const text = `You may not run anything on ${row.plural} (${row.set}); ask an admin for a role that allows it.`;
    return message(text, [...blocks, section(`🔒 ${text}`)]);
  }
  blocks.push(section(`*${capital(row.label)}s* (${row.set} in 3CX)\n${verbs.join('\n')}`));
  const fields = usage.aliases.map((a) => `\`${a.alias}\` = ${a.property}`);
  const more =
    usage.otherFields > 0 ? ` and ${usage.otherFields} more properties by their XAPI name, in any case` : '';
  if (fields.length > 0 || more) blocks.push(section(`*Fields:* ${fields.join(', ')}${more}.`));
  const examples = usage.examples.filter(() => mayRun(row.ops.list)).map((e) => inlineCode(`/3cx ${e}`, 200));
  if (examples.length > 0) blocks.push(section(`*Examples:* ${examples.join('  ')}`));
  blocks.push(
    context(
      'A reference is an extension number, `id:16`, a name or part of one, an email, or an @mention. Several matches: you pick one.',
    ),
  );
  return message(`/3cx ${row.plural}: ${verbs.length} commands you may run`, blocks);
}
