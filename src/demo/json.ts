import { isRecord } from './slack/request-body';

/** Reading what Slack-shaped JSON holds, without trusting its shape. */

export type Json = Record<string, unknown>;

export const isObject: (value: unknown) => value is Json = isRecord;

export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
