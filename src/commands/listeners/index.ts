import type { App } from '@slack/bolt';
import type { BotContext } from '../context';
import { registerApprovalButtons } from './approval-buttons';
import { registerBlockSuggestion } from './block-suggestion';
import { registerConfirmButtons } from './confirm-buttons';
import { registerConfirmFqdn } from './confirm-fqdn';
import { registerEntityPick } from './entity-pick';
import { registerFormPreview } from './form-preview';
import { registerMcuButtons } from './mcu-buttons';
import { registerModalSubmission } from './modal-submission';
import { registerMoreFields } from './more-fields';
import { registerPageButtons } from './page-buttons';
import { registerSlashCommand } from './slash-command';
import { registerWatchButtons } from './watch-buttons';

/** Every entry point of the bot, in one place. */
export function registerListeners(app: App, ctx: BotContext): void {
  registerSlashCommand(app, ctx);
  registerModalSubmission(app, ctx);
  registerFormPreview(app, ctx);
  registerApprovalButtons(app, ctx);
  registerMcuButtons(app, ctx);
  registerPageButtons(app, ctx);
  registerWatchButtons(app, ctx);
  registerConfirmButtons(app, ctx);
  registerConfirmFqdn(app, ctx);
  registerEntityPick(app, ctx);
  registerMoreFields(app, ctx);
  registerBlockSuggestion(app, ctx);
}
