import { deliverOutcome } from '../deliver';
import type { ViewSession } from './session';

/**
 * `backup now`: a write like any other (validated, authorized, approval where a rule says so, audited) and
 * confirmed in the channel. The backup is named after when and by whom it was asked, so `backups` shows it.
 */
export async function backupNow(s: ViewSession): Promise<void> {
  const at = new Date(s.words.now ?? Date.now()).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const name = `slack-${at}`;
  const body = { description: { Name: name, Contents: null } };
  const outcome = await s.run('Backups.Backup', {}, body, `backup ${name}`);
  return deliverOutcome(s.ctx, s.target, outcome);
}
