/**
 * Pure Block Kit builders for every reply the bot sends. They take outcomes and plain data and return messages;
 * they never call Slack or 3CX, so every reply can be tested without either.
 */
export {
  ALERT_ACK,
  ALERT_MUTE,
  type AlertView,
  alertButtonValue,
  alertMessage,
  recoveryReply,
  unwatchedMessage,
  type WatchLine,
  watchListMessage,
  watchSetMessage,
} from './alert';
export {
  type ApprovalDecision,
  approvalDecidedMessage,
  approvalRequestMessage,
  decisionNotice,
} from './approval';
export { type AuditQuery, auditMessage } from './audit';
export { type FileReply, mention, type SlackMessage } from './blocks';
export { type ChangeView, changeEntryMessage, changesMessage } from './changes';
export { confirmationMessage } from './confirmation';
export { csvFile } from './csv';
export { errorMessage, failureMessage, infoMessage } from './failure';
export { type HelpEntry, type HelpOptions, helpMessage } from './help';
export { LIMITS } from './limits';
export { type McuDecision, type McuMessageInput, type McuSnapshot, mcuMessage } from './mcu';
export { type ResultOptions, resultMessage } from './result';
export {
  type ScheduleView,
  scheduleCancelledMessage,
  scheduledMessage,
  scheduledRunMessage,
  scheduleListMessage,
  scheduleMissedMessage,
} from './schedule';
export { searchMessage } from './search';
