import { fieldPrompt, formFields, readAnswer } from '../../src/demo/form';
import { mrkdwnToText } from '../../src/demo/mrkdwn';
import { type ButtonSeen, renderMessage } from '../../src/demo/render';
import { NAMES } from '../../src/demo/show';

/** The console's pure parts: mrkdwn to text, Block Kit to lines, a modal to questions and answers to values. */

describe('mrkdwn as a terminal shows it', () => {
  const text = (mrkdwn: string) => mrkdwnToText(mrkdwn, NAMES);

  it('names demo members and channels, and shows dates by their fallback', () => {
    expect(text('<@U0DEMOADMIN> asked in <#C0DEMOMCU>')).toBe('@demo-admin asked in #mcu-approvals');
    expect(text('<@U0SOMEONE>')).toBe('@U0SOMEONE');
    expect(text('at <!date^1700000000^{date_short_pretty} {time}|2023-11-14T22:13:20.000Z>')).toBe(
      'at 2023-11-14 22:13 UTC',
    );
    expect(text('<!subteam^S0NOC>')).toBe('@S0NOC');
  });

  it('shows links by their label, drops bold markers and decodes entities', () => {
    expect(text('see <https://example.com|the docs> or <https://example.com>')).toBe(
      'see the docs or https://example.com',
    );
    expect(text('*Result:* Done &amp; dusted &lt;ok&gt;')).toBe('Result: Done & dusted <ok>');
    expect(text('allow `"*"` and _all_ of it')).toBe('allow `"*"` and all of it');
  });

  it('keeps code exactly, fenced blocks on their own lines', () => {
    expect(text('Table:\n```a  b\n-  -\n1  *2*```')).toBe('Table:\na  b\n-  -\n1  *2*');
    expect(text('`page_next` and snake_case_words')).toBe('`page_next` and snake_case_words');
  });
});

describe('Block Kit as lines', () => {
  const render = (blocks: unknown[]) => {
    const buttons: ButtonSeen[] = [];
    const lines = renderMessage({ text: 'fallback', blocks }, { ...NAMES, button: (b) => buttons.push(b) });
    return { lines, buttons };
  };

  it('renders headers, sections with fields, context, dividers and unknown blocks', () => {
    const { lines } = render([
      { type: 'header', text: { type: 'plain_text', text: 'MCU request' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Who:* <@U0DEMOOPS>' },
        fields: [
          { type: 'mrkdwn', text: '*State*\nPending' },
          { type: 'mrkdwn', text: '*Note*\nline one\nline two' },
        ],
      },
      { type: 'divider' },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'Took 3 ms' },
          { type: 'plain_text', text: 'x' },
        ],
      },
      { type: 'video', title: 'never used' },
    ]);
    expect(lines).toEqual([
      'MCU request',
      '═══════════',
      'Who: @demo-operator',
      '• State: Pending',
      '• Note:',
      '    line one',
      '    line two',
      '─'.repeat(40),
      '· Took 3 ms  ·  x',
      '[video block]',
    ]);
  });

  it('numbers buttons in actions blocks and accessories, and shows link buttons as links', () => {
    const { lines, buttons } = render([
      {
        type: 'section',
        block_id: 's',
        text: { type: 'mrkdwn', text: 'Next page?' },
        accessory: {
          type: 'button',
          text: { type: 'plain_text', text: 'Next' },
          action_id: 'page_next',
          value: 'p2',
        },
      },
      {
        type: 'actions',
        block_id: 'a',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Approve' },
            action_id: 'ok',
            value: 'r1',
            style: 'primary',
          },
          { type: 'button', text: { type: 'plain_text', text: 'Docs' }, url: 'https://example.com' },
        ],
      },
    ]);
    expect(lines).toEqual(['Next page?', '[1] Next', '[2] Approve   [Docs ↗ https://example.com]']);
    expect(buttons).toEqual([
      { actionId: 'page_next', value: 'p2', blockId: 's', text: 'Next' },
      { actionId: 'ok', value: 'r1', blockId: 'a', text: 'Approve', style: 'primary' },
    ]);
  });

  it('falls back to the text when there are no blocks', () => {
    expect(renderMessage({ text: 'plain *reply*' }, { ...NAMES, button: () => 0 })).toEqual(['plain reply']);
  });
});

describe('a modal as a form', () => {
  const view = {
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: 'intro' } },
      {
        type: 'input',
        block_id: 'body:enable',
        label: { type: 'plain_text', text: 'Enable' },
        element: {
          type: 'static_select',
          action_id: 'v',
          options: [
            { value: 'true', text: { type: 'plain_text', text: 'On' } },
            { value: 'false', text: { type: 'plain_text', text: 'Off' } },
          ],
          initial_option: { value: 'false', text: { type: 'plain_text', text: 'Off' } },
        },
      },
      {
        type: 'input',
        block_id: 'body:Names',
        optional: true,
        label: { type: 'plain_text', text: 'Names' },
        hint: { type: 'plain_text', text: 'One per line.' },
        element: { type: 'plain_text_input', action_id: 'v', multiline: true },
      },
      {
        type: 'input',
        block_id: 'param:Id',
        label: { type: 'plain_text', text: 'Id' },
        element: { type: 'number_input', action_id: 'v', is_decimal_allowed: false },
      },
    ],
  };
  const [select, lines, id] = formFields(view, NAMES);

  it('asks each input with its label, kind, hint, choices and default', () => {
    expect(select && fieldPrompt(select)).toEqual([
      'Enable (choose one, required)',
      '  choices: 1) On  2) Off',
      '  default: Off',
    ]);
    expect(lines && fieldPrompt(lines)).toEqual([
      'Names (text, \\n for a new line, optional)',
      '  One per line.',
    ]);
    expect(id && fieldPrompt(id)).toEqual(['Id (number, required)']);
  });

  it('reads answers as the element would take them', () => {
    if (!select || !lines || !id) throw new Error('three fields expected');
    expect(readAnswer(select, '1')).toEqual({ ok: true, value: 'true' });
    expect(readAnswer(select, 'off')).toEqual({ ok: true, value: 'false' });
    expect(readAnswer(select, '')).toEqual({ ok: true, value: 'false' });
    expect(readAnswer(select, 'maybe')).toEqual({
      ok: false,
      error: '"maybe" is not one of the choices; type one of 1 (On), 2 (Off).',
    });
    expect(readAnswer(lines, 'a\\nb')).toEqual({ ok: true, value: 'a\nb' });
    expect(readAnswer(lines, '-')).toEqual({ ok: true, value: undefined });
    expect(readAnswer(id, '')).toEqual({ ok: false, error: 'Id is required: type a value.' });
    expect(readAnswer(id, '12')).toEqual({ ok: true, value: '12' });
  });
});
