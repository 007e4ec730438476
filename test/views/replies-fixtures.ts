import type { KnownBlock } from '@slack/types';
import { defaultCatalogue, type Operation } from '../../src/api/catalogue';
import { XapiError, type XapiErrorInit } from '../../src/api/errors';
import type { MaskedArgs, OperationRequest, Outcome } from '../../src/pipeline/types';
import type { SlackMessage } from '../../src/views/replies';

/** Outcomes built by hand, and one check of every Block Kit limit, shared by the reply tests. */

export const catalogue = defaultCatalogue();
export function op(key: string): Operation {
  const found = catalogue.get(key);
  if (!found) throw new Error(`${key} is not in the catalogue`);
  return found;
}

export type Done = Extract<Outcome, { kind: 'done' }>;
export type Failed = Extract<Outcome, { kind: 'failed' }>;

export function request(key: string, args: Record<string, unknown> = {}, body?: unknown): OperationRequest {
  return {
    id: 'req-1',
    pbx: 'acme-pbx',
    key,
    args,
    ...(body === undefined ? {} : { body }),
    requester: { userId: 'U0ALICE' },
    channel: 'C0OPS',
    source: 'command',
  };
}

export function done(
  key: string,
  masked: MaskedArgs,
  data?: unknown,
  status = data === undefined ? 204 : 200,
  body?: unknown,
): Done {
  return {
    kind: 'done',
    request: request(key, masked.params, body ?? masked.body),
    operation: op(key),
    result: {
      operation: op(key),
      status,
      data,
      durationMs: 312,
      attempts: 1,
      method: op(key).method,
      path: op(key).path,
    },
    maskedArgs: masked,
  };
}

/** A 3CX validation failure as the client raises it, 3CX's own words included. */
export function xapiError(fields: Partial<XapiErrorInit> = {}): XapiError {
  return new XapiError({
    kind: 'validation',
    message: 'HTTP 400',
    status: 400,
    code: 'Invalid',
    pbxMessage: 'The property value <gold> is not allowed',
    method: 'PATCH',
    url: 'https://pbx.example/xapi/v1/TenantProperties',
    pbx: 'acme-pbx',
    attempts: 1,
    ...fields,
  });
}

export function failed(key: string, masked: MaskedArgs, error = xapiError()): Failed {
  return {
    kind: 'failed',
    request: request(key, masked.params, masked.body),
    operation: op(key),
    error,
    durationMs: 1520,
    maskedArgs: masked,
  };
}

/** The five operations the product was first specified with, as their confirmations would see them. */
export const HEADLINE: { key: string; masked: MaskedArgs }[] = [
  { key: 'SystemStatus.SetMultiCompanyMode', masked: { params: {}, body: { enable: true } } },
  {
    key: 'TenantProperties.UpdateProperty',
    masked: {
      params: { Name: 'SupportLevel' },
      body: { Name: 'SupportLevel', Value: 'gold', Description: 'Contract tier' },
    },
  },
  {
    key: 'LicenseStatus.EditLicenseInfo',
    masked: {
      params: {},
      body: {
        licenseParams: {
          CompanyName: 'Acme Ltd',
          ContactName: 'Ann',
          Country: 'GB',
          Email: 'it@acme.example',
          Phone: '+44 20 7946 0000',
        },
      },
    },
  },
  {
    key: 'Services.Restart',
    masked: { params: {}, body: { options: { ServiceNames: ['3CXQueueManager', '3CXCallFlow'] } } },
  },
  {
    key: 'ConferenceSettings.UpdateMCURequestStatus',
    masked: {
      params: {},
      body: {
        request: {
          McuId: 'mcu-7',
          Operation: 'Add',
          State: 'Success',
          RequestExpiration: '2026-11-22T10:00:00Z',
          ErrorMessage: null,
        },
      },
    },
  },
];

export function allText(m: SlackMessage): string {
  return `${m.text}\n${JSON.stringify(m.blocks)}`;
}

export function buttons(m: SlackMessage): { action_id?: string; value?: string; style?: string }[] {
  return m.blocks.flatMap((b) =>
    b.type === 'actions' ? (b.elements as { action_id?: string; value?: string; style?: string }[]) : [],
  );
}

/** Every Block Kit limit that makes Slack refuse a whole message. */
export function expectWithinLimits(m: SlackMessage): void {
  expect(m.text.length).toBeGreaterThan(0);
  expect(m.blocks.length).toBeLessThanOrEqual(50);
  for (const b of m.blocks as KnownBlock[]) {
    switch (b.type) {
      case 'section':
        if (b.text) {
          expect(b.text.text.length).toBeGreaterThan(0);
          expect(b.text.text.length).toBeLessThanOrEqual(3000);
        }
        expect(b.text ?? b.fields).toBeDefined();
        expect((b.fields ?? []).length).toBeLessThanOrEqual(10);
        for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
        break;
      case 'header':
        expect(b.text.text.length).toBeLessThanOrEqual(150);
        break;
      case 'context':
        expect(b.elements.length).toBeLessThanOrEqual(10);
        for (const e of b.elements) if ('text' in e) expect(e.text.length).toBeLessThanOrEqual(3000);
        break;
      case 'actions':
        expect(b.elements.length).toBeLessThanOrEqual(25);
        break;
    }
  }
  for (const btn of buttons(m)) expect((btn.value ?? '').length).toBeLessThanOrEqual(2000);
}
