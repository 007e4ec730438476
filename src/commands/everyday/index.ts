import type { BotContext, ReplyTarget } from '../context';
import type { ViewIntent } from '../grammar/views';
import type { Invocation } from '../intent-handler';
import { backupNow } from './backup-now';
import { findEverything } from './find';
import { showBackups, showCalls, showHistory, showPhones, showTrunks } from './lists';
import { ViewSession } from './session';
import { showStatus } from './status';

/** An everyday view, after the ack and the exactly-once claim. */
export async function handleView(
  ctx: BotContext,
  intent: ViewIntent,
  inv: Invocation,
  target: ReplyTarget,
): Promise<void> {
  const s = new ViewSession(ctx, inv, target);
  switch (intent.view) {
    case 'find':
      return findEverything(s, intent.words);
    case 'calls':
      return showCalls(s);
    case 'history':
      return showHistory(s, intent.period, intent.ref);
    case 'trunks':
      return showTrunks(s);
    case 'phones':
      return showPhones(s);
    case 'backups':
      return showBackups(s);
    case 'backup-now':
      return backupNow(s);
    case 'status':
      return showStatus(s);
  }
}
