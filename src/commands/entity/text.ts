import type { EntityIntent } from '../grammar/entity';

/**
 * An entity command as text again, with one reference replaced (`id:26`): what a choice button runs once the
 * person has picked the object they meant.
 */
export function commandText(
  intent: EntityIntent,
  singular: string,
  which: 'ref' | { member: number },
  replacement: string,
): string {
  const words: string[] = [singular];
  switch (intent.verb) {
    case 'list':
    case 'add':
      words.push(...(intent.verb === 'list' ? intent.words : ['add']));
      break;
    case 'show':
      words.push(replacement);
      break;
    case 'set':
    case 'delete':
      words.push(replacement, intent.verb);
      break;
    case 'members': {
      const members = intent.members.map((m, i) =>
        typeof which === 'object' && which.member === i ? replacement : m,
      );
      words.push(which === 'ref' ? replacement : intent.ref, intent.list, intent.change, ...members);
      break;
    }
  }
  const pairs = intent.pairs.map(({ key, value }) => `${key}=${quote(value)}`);
  const flags = [intent.flags.json ? '--json' : '', intent.flags.file ? '--file' : ''].filter(Boolean);
  return [...words.map(quote), ...pairs, ...flags].join(' ');
}

function quote(text: string): string {
  return /[\s"]/.test(text) || text === '' ? `"${text.replace(/"/g, '\\"')}"` : text;
}
