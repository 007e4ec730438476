import type { DemoConsole } from './console';

/**
 * Runs lines through the console one after the other, each to its end: a script file, lines piped on stdin or
 * typed at a terminal. `quit` (or `exit`) stops early. Resolves with the steps the bot failed to answer.
 */
export async function runLines(
  console: DemoConsole,
  lines: Iterable<string> | AsyncIterable<string>,
  onPrompt?: () => void,
): Promise<string[]> {
  onPrompt?.();
  for await (const line of lines) {
    if (!console.formOpen && /^\s*(quit|exit)\s*$/.test(line)) break;
    await console.line(line);
    onPrompt?.();
  }
  return console.finish();
}
