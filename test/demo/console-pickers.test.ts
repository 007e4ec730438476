import { runDemo } from './run-demo';

/** A picker in the console: a typed word shows the PBX's matches, a number picks one, and the form runs with it. */

it('typing a word shows the suggestions from the PBX; a number picks one', async () => {
  // An update sends only what is filled in: one field, as nothing at all would have nothing to send.
  const run = await runDemo(['/3cx api Users.UpdateUser', 'priya', '1', 'Priya', 'send']);
  const out = run.lines.join('\n');
  expect(out).toContain('ID (type a word to see the PBX’s matches, then the number of one, required)');
  expect(out).toMatch(/ {2}│ › priya\n[\s\S]*choices: 1\) Priya Patel /);
  expect(out).toContain('ran `Users.UpdateUser` on default');
});
