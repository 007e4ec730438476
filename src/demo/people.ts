/**
 * The members of examples/demo-config.yml, by the names the demo console knows them by. BOT_CONFIG keys members
 * by Slack user id (U…), as a real workspace does; the console maps `--as demo-viewer` to the id and shows ids in
 * the bot's replies (`<@U0DEMOVIEW>`) by name again.
 */

export interface DemoPerson {
  name: string;
  id: string;
  realName: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { name: 'demo-admin', id: 'U0DEMOADMIN', realName: 'Ada Admin' },
  { name: 'demo-approver', id: 'U0DEMOAPPROVER', realName: 'Alan Approver' },
  { name: 'demo-operator', id: 'U0DEMOOPS', realName: 'Olga Operator' },
  { name: 'demo-viewer', id: 'U0DEMOVIEW', realName: 'Victor Viewer' },
  { name: 'demo-guest', id: 'U0DEMOGUEST', realName: 'Gina Guest' },
];

/** Channels the console knows by name; the bot talks in #ops unless a button lives elsewhere. */
export const DEMO_CHANNELS: Readonly<Record<string, string>> = {
  C0DEMOOPS: 'ops',
  C0DEMOMCU: 'mcu-approvals',
};

/** With several PBXs (`--pbxs N`), one more channel per PBX, bound to it: `#northwind` → C0DEMONORTHWIND. */
const pbxChannels = new Map<string, string>();

export function pbxChannelId(pbx: string): string {
  return `C0DEMO${pbx.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
}

export function addPbxChannel(pbx: string): string {
  const id = pbxChannelId(pbx);
  pbxChannels.set(id, pbx);
  return id;
}

/** A channel by its name (`#ops`, `ops`, `#northwind`) or id; undefined when the demo has no such channel. */
export function channelFor(name: string): string | undefined {
  const key = name.replace(/^#/, '');
  for (const [id, n] of [...Object.entries(DEMO_CHANNELS), ...pbxChannels])
    if (n === key || id === key) return id;
  return undefined;
}

export function knownChannels(): string[] {
  return [...Object.values(DEMO_CHANNELS), ...pbxChannels.values()].map((n) => `#${n}`);
}

export const HOME_CHANNEL = 'C0DEMOOPS';

/** A demo name or any Slack user id; undefined when it is neither. */
export function personFor(nameOrId: string): DemoPerson | undefined {
  const key = nameOrId.replace(/^@/, '');
  const known = DEMO_PEOPLE.find((p) => p.name === key || p.id === key);
  if (known) return known;
  return /^[UW][A-Z0-9]+$/.test(key) ? { name: key, id: key, realName: key } : undefined;
}

export function unknownMember(name: string): string {
  const names = DEMO_PEOPLE.map((p) => p.name).join(', ');
  return `"${name}" is not a demo member; use one of ${names} or a Slack user id (U…)`;
}

export function nameOf(id: string): string {
  return DEMO_PEOPLE.find((p) => p.id === id)?.name ?? id;
}

export function channelName(id: string): string {
  if (id.startsWith('D')) return 'direct message with the bot';
  return `#${DEMO_CHANNELS[id] ?? pbxChannels.get(id) ?? id}`;
}
