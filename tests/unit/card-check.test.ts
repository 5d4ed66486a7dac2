import { describe, expect, it } from 'vitest';
import { cardElementCount, cardRequestBytes, checkCard, MAX_CARD_BYTES, withinBudget } from '../../src/cards/check/check-card';

type El = Record<string, unknown>;
const pt = (content: string) => ({ tag: 'plain_text', content });
const div = (content: string): El => ({ tag: 'div', text: pt(content) });
const button = (extra: El = {}): El => ({ tag: 'button', text: pt('确定'), type: 'primary', behaviors: [{ type: 'callback', value: { a: 1 } }], ...extra });
const columns = (...elements: El[][]): El => ({ tag: 'column_set', flex_mode: 'none', columns: elements.map((e) => ({ tag: 'column', width: 'auto', elements: e })) });
const submit = (name = 'submit'): El => button({ name, form_action_type: 'submit' });
const form = (elements: El[], extra: El = {}): El => ({ tag: 'form', name: 'f', elements, ...extra });
const card = (elements: unknown[], extra: El = {}): El => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: pt('标题'), template: 'blue' },
  body: { elements },
  ...extra,
});

/** `path: rule` of each violation, for readable failures. */
const problems = (c: unknown) => checkCard(c).map((v) => `${v.path}: ${v.rule}`);
/** Fails naming the violations when `c` is refused. */
const expectAccepted = (c: unknown) => expect(problems(c)).toEqual([]);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Fails unless a violation at exactly `path` has a rule containing `rule` (a regular expression source). */
const expectRefused = (c: unknown, path: string, rule: string) =>
  expect(problems(c)).toContainEqual(expect.stringMatching(new RegExp(`^${escape(path)}: .*${rule}`)));

describe('card check: root, config, header, body (card-json-v2-structure)', () => {
  it('accepts a card using every component our cards use', () => {
    expectAccepted(
      card([
        { tag: 'markdown', content: '<at id=ou_1></at>', text_align: 'left' },
        div('文本'),
        { tag: 'hr', margin: '4px 0' },
        columns([div('左')], [button(), button({ type: 'danger', size: 'small' })]),
        {
          tag: 'form',
          name: 'temps',
          elements: [
            { tag: 'input', name: 't_1', required: true, max_length: 8, placeholder: pt('体温'), label: pt('复测体温') },
            columns([{ tag: 'multi_select_static', name: 's_1', required: false, options: [{ text: pt('发热'), value: '发热' }] }]),
            { tag: 'select_static', name: 'p', options: [{ text: pt('高'), value: 'h' }] },
            { tag: 'checker', name: 'ok', text: pt('已核实') },
            submit(),
          ],
        },
        { tag: 'chart', aspect_ratio: '16:9', color_theme: 'brand', chart_spec: { type: 'line', data: { values: [] } } },
      ], { config: { update_multi: true, summary: { content: '摘要' } } }),
    );
  });

  it('refuses what is not a 2.0 card object', () => {
    expect(problems('{}')).toEqual([': a card is a JSON object']);
    expectRefused({ ...card([]), schema: undefined }, 'schema', 'must be one of "2.0"');
    expectRefused({ config: { update_multi: true }, elements: [div('1.0')] }, 'schema', 'is required');
    expectRefused({ config: { update_multi: true }, elements: [div('1.0')] }, 'elements', 'unknown property');
    expectRefused({ ...card([]), body: undefined }, 'body', 'must be an object');
    expectRefused(card([], { body: {} }), 'body.elements', 'is required');
  });

  it('needs update_multi true and knows every config property, no others', () => {
    expectRefused(card([], { config: {} }), 'config.update_multi', 'must be true');
    expectRefused(card([], { config: { update_multi: false } }), 'config.update_multi', 'must be true');
    expectRefused(card([], { config: { update_multi: true, wide_screen_mode: true } }), 'config.wide_screen_mode', 'unknown property');
    expectAccepted(card([], { config: { update_multi: true, width_mode: 'fill', enable_forward: false } }));
    expectRefused(card([], { config: { update_multi: true, width_mode: 'wide' } }), 'config.width_mode', 'must be one of');
  });

  it('needs a header title and a known template colour', () => {
    expectRefused(card([], { header: { template: 'blue' } }), 'header.title', 'is required');
    expectRefused(card([], { header: { title: pt('t'), template: 'pink' } }), 'header.template', 'must be one of');
    expectRefused(card([], { header: { title: { tag: 'markdown', content: 't' } } }), 'header.title.tag', 'must be one of');
    expectAccepted(card([], { header: { title: pt('t'), template: 'turquoise', subtitle: pt('s') } }));
  });
});

describe('card check: components and their properties (component pages)', () => {
  it('refuses a component it does not know and the 1.0 modules 2.0 removed', () => {
    expectRefused(card([{ tag: 'marquee', text: pt('x') }]), 'body.elements[0].tag', 'unknown component "marquee"');
    const removed = checkCard(card([{ tag: 'action', actions: [button()] }, { tag: 'note', elements: [pt('n')] }]));
    expect(removed.map((v) => [v.path, v.kind])).toEqual([['body.elements[0].tag', 'deprecated'], ['body.elements[1].tag', 'deprecated']]);
  });

  it('refuses unknown properties, 1.0 leftovers included, at any depth', () => {
    expectRefused(card([button({ value: { a: 1 } })]), 'body.elements[0].value', 'unknown property');
    expectRefused(card([{ tag: 'div', text: { ...pt('x'), href: 'u' } }]), 'body.elements[0].text.href', 'unknown property');
    expectRefused(card([columns([div('x')])].map((c) => ({ ...c, columns: [{ tag: 'column', elements: [], is_short: true }] }))), 'body.elements[0].columns[0].is_short', 'unknown property');
  });

  it('needs required properties', () => {
    expectRefused(card([{ tag: 'markdown' }]), 'body.elements[0].content', 'is required');
    expectRefused(card([{ tag: 'img', img_key: 'img_v3_x' }]), 'body.elements[0].alt', 'is required');
    expectAccepted(card([{ tag: 'img', img_key: 'img_v3_x', alt: pt('') }]));
    expectRefused(card([{ tag: 'chart' }]), 'body.elements[0].chart_spec', 'is required');
    expectRefused(card([{ tag: 'column_set' }]), 'body.elements[0].columns', 'is required');
  });

  it('checks enumerations, ranges and formats of values', () => {
    expectRefused(card([button({ type: 'big' })]), 'body.elements[0].type', 'must be one of');
    expectRefused(card([{ tag: 'chart', aspect_ratio: '3:1', chart_spec: {} }]), 'body.elements[0].aspect_ratio', 'must be one of');
    expectRefused(card([{ tag: 'input', max_length: 1001 }]), 'body.elements[0].max_length', 'integer in \\[1, 1000\\]');
    expectAccepted(card([{ tag: 'input', max_length: 1000 }]));
    const col = (props: El) => card([{ tag: 'column_set', columns: [{ tag: 'column', elements: [], ...props }] }]);
    expectRefused(col({ width: 'weighted', weight: 6 }), 'body.elements[0].columns[0].weight', 'integer in \\[1, 5\\]');
    expectRefused(col({ width: '700px' }), 'body.elements[0].columns[0].width', '\\[16,600\\]px');
    expectAccepted(col({ width: '120px', vertical_align: 'center', padding: '8px 0' }));
    expectRefused(col({ vertical_spacing: '8 px' }), 'body.elements[0].columns[0].vertical_spacing', '\\[0,99\\]px');
    expectRefused(card([{ ...div('x'), margin: '4px 0 4px 0 1px' }]), 'body.elements[0].margin', '1–4 values');
    expectAccepted(card([{ ...div('x'), margin: '-4px 0' }]));
  });

  it('caps button text and placeholders at 100 characters', () => {
    expectRefused(card([button({ text: pt('按'.repeat(101)) })]), 'body.elements[0].text.content', 'at most 100 characters');
    expectAccepted(card([button({ text: pt('按'.repeat(100)) })]));
    expectRefused(card([{ tag: 'input', placeholder: pt('x'.repeat(101)) }]), 'body.elements[0].placeholder.content', 'at most 100');
  });

  it('takes callback behaviors with an object value, and open_url with a default_url', () => {
    expectRefused(card([button({ behaviors: [{ type: 'callback', value: 'approve' }] })]), 'body.elements[0].behaviors[0].value', 'must be an object');
    expectRefused(card([button({ behaviors: [{ type: 'open_url' }] })]), 'body.elements[0].behaviors[0].default_url', 'is required');
    expectRefused(card([button({ behaviors: [{ type: 'request', value: {} }] })]), 'body.elements[0].behaviors[0].type', 'must be "callback" or "open_url"');
    expectAccepted(card([button({ behaviors: [{ type: 'open_url', default_url: 'https://example.com' }] })]));
  });

  it('needs a confirm dialog to have both title and text', () => {
    expectRefused(card([button({ confirm: { title: pt('确定？') } })]), 'body.elements[0].confirm.text', 'is required');
    expectAccepted(card([button({ confirm: { title: pt('确定？'), text: pt('不可撤销') } })]));
  });

  it('keeps option values unique within a select', () => {
    const options = [{ text: pt('一'), value: 'x' }, { text: pt('二'), value: 'x' }];
    expectRefused(card([form([{ tag: 'select_static', name: 's', options }, submit()])]), 'body.elements[0].elements[0].options[1].value', 'unique');
  });
});

describe('card check: nesting (column-set, form, table, collapsible-panel, interactive-container pages)', () => {
  it('lets a column_set hold only columns, and a column live only in a column_set', () => {
    expectRefused(card([{ tag: 'column_set', columns: [div('x')] }]), 'body.elements[0].columns[0]', 'holds only columns');
    expectRefused(card([{ tag: 'column', elements: [] }]), 'body.elements[0]', "belongs in a column_set's columns");
  });

  it('keeps form and table at the card root: not in a column, a panel, an interactive container or a form', () => {
    const table = { tag: 'table', columns: [{ name: 'a', data_type: 'text' }], rows: [{ a: '1' }] };
    expectAccepted(card([table]));
    expectRefused(card([columns([form([submit()])])]), 'body.elements[0].columns[0].elements[0]', 'no form inside a column');
    expectRefused(card([columns([table])]), 'body.elements[0].columns[0].elements[0]', 'no table inside a column');
    expectRefused(card([{ tag: 'collapsible_panel', header: { title: pt('更多') }, elements: [table] }]), 'body.elements[0].elements[0]', 'no table inside a collapsible_panel');
    const container = { tag: 'interactive_container', behaviors: [{ type: 'callback', value: {} }], elements: [form([submit()])] };
    expectRefused(card([container]), 'body.elements[0].elements[0]', 'no form inside a interactive_container');
    expectRefused(card([form([form([submit('s2')], { name: 'g' }), submit()])]), 'body.elements[0].elements[0]', 'no form inside a form');
    expectRefused(card([form([{ tag: 'chart', chart_spec: {} }, submit()])]), 'body.elements[0].elements[0]', 'no chart inside a form');
  });

  it('nests containers at most five levels', () => {
    const nest = (levels: number): El => (levels === 1 ? columns([div('底')]) : columns([nest(levels - 1)]));
    expectAccepted(card([nest(5)]));
    expect(problems(card([nest(6)]))).toEqual(['body.elements[0].columns[0].elements[0].columns[0].elements[0].columns[0].elements[0].columns[0].elements[0].columns[0].elements[0]: containers nest at most 5 levels']);
  });

  it('takes at most five tables, each row naming only declared columns', () => {
    const table = (rows: El[] = [{ a: '1' }]) => ({ tag: 'table', page_size: 5, columns: [{ name: 'a', data_type: 'text' }], rows });
    expectAccepted(card(Array.from({ length: 5 }, () => table())));
    const six = checkCard(card(Array.from({ length: 6 }, () => table())));
    expect(six.map((v) => [v.rule, v.kind])).toEqual([['at most 5 tables in a card (there are 6)', 'limit']]);
    expectRefused(card([table([{ b: '1' }])]), 'body.elements[0].rows[0].b', 'is not the name of a column');
    expectRefused(card([{ ...table(), page_size: 11 }]), 'body.elements[0].page_size', 'integer in \\[1, 10\\]');
  });
});

describe('card check: forms (form-container page)', () => {
  it('needs a form name, a name on every field inside, and a submit button', () => {
    expectRefused(card([{ tag: 'form', elements: [submit()] }]), 'body.elements[0].name', 'is required');
    expectRefused(card([form([{ tag: 'input' }, submit()])]), 'body.elements[0].elements[0].name', 'is required inside a form');
    expectRefused(card([form([columns([{ tag: 'input' }]), submit()])]), 'body.elements[0].elements[0].columns[0].elements[0].name', 'is required inside a form');
    expectRefused(card([form([{ tag: 'input', name: 'a' }])]), 'body.elements[0]', 'needs a button with form_action_type "submit"');
    expectRefused(card([form([{ tag: 'input', name: 'a' }, button({ name: 'r', form_action_type: 'reset' })])]), 'body.elements[0]', 'needs a button');
    expectAccepted(card([form([{ tag: 'input', name: 'a' }, columns([submit()])])]));
  });

  it('keeps every name unique in the card', () => {
    expectRefused(card([form([{ tag: 'input', name: 'x' }, { tag: 'input', name: 'x' }, submit()])]), 'body.elements[0].elements[1].name', 'names are unique');
    expectRefused(card([form([{ tag: 'input', name: 'f' }, submit()])]), 'body.elements[0].elements[0].name', escape('"f" is already the name at body.elements[0]:'));
  });

  it('allows form-only properties and components only inside a form', () => {
    expectRefused(card([submit()]), 'body.elements[0].form_action_type', 'only a button inside a form');
    expectRefused(card([{ tag: 'input', name: 'a', required: true }]), 'body.elements[0].required', 'only works inside a form');
    expectRefused(card([{ tag: 'multi_select_static', name: 'm', options: [] }]), 'body.elements[0]', 'only inside a form');
    expectAccepted(card([{ tag: 'input', name: 'a', behaviors: [{ type: 'callback', value: { k: 1 } }] }]));
  });
});

describe('card check: element_id (structure page)', () => {
  it('takes letters, digits and _, starting with a letter, at most 20 characters, unique in the card', () => {
    expectAccepted(card([{ ...div('a'), element_id: 'row_1' }, { ...div('b'), element_id: 'a2345678901234567890' }]));
    expectRefused(card([{ ...div('a'), element_id: '1row' }]), 'body.elements[0].element_id', 'starting with a letter');
    expectRefused(card([{ ...div('a'), element_id: 'row-1' }]), 'body.elements[0].element_id', 'letters, digits and _ only');
    expectRefused(card([{ ...div('a'), element_id: 'a23456789012345678901' }]), 'body.elements[0].element_id', 'at most 20');
    expectRefused(card([{ ...div('a'), element_id: 'x' }, { tag: 'div', text: { ...pt('b'), element_id: 'x' } }]), 'body.elements[1].text.element_id', 'unique');
  });
});

describe('card check: 200 elements and 30 KB (structure page, send-message page)', () => {
  it('counts every element Lark counts: components, columns and text elements, header included', () => {
    expect(cardElementCount(card([]))).toBe(1);
    expect(cardElementCount(card([div('a')]))).toBe(3);
    // column_set, column, div + plain_text, column, button + plain_text
    expect(cardElementCount(card([columns([div('a')], [button()])]))).toBe(1 + 7);
    // A callback value and a VChart spec are data, not elements, whatever keys they hold.
    expect(cardElementCount(card([button({ behaviors: [{ type: 'callback', value: { tag: 'x' } }] }), { tag: 'chart', chart_spec: { tag: 'y' } }]))).toBe(1 + 3);
  });

  it('takes 200 elements and refuses 201', () => {
    const divs = (n: number) => Array.from({ length: n }, (_, i) => div(String(i)));
    const at200 = card([...divs(99), { tag: 'hr' }]);
    expect(cardElementCount(at200)).toBe(200);
    expectAccepted(at200);
    const at201 = card(divs(100));
    expect(checkCard(at201).map((v) => [v.rule, v.kind])).toEqual([['at most 200 elements, text elements included (there are 201)', 'limit']]);
    expect(withinBudget(at200)).toBe(true);
    expect(withinBudget(at201)).toBe(false);
  });

  it('measures the request a card makes against 30 KB, escaping included', () => {
    const sized = (chars: number) => card([div('x'.repeat(chars))]);
    const base = cardRequestBytes(sized(0));
    const fits = sized(MAX_CARD_BYTES - base);
    expect(cardRequestBytes(fits)).toBe(MAX_CARD_BYTES);
    expectAccepted(fits);
    const over = sized(MAX_CARD_BYTES - base + 1);
    expect(checkCard(over).map((v) => v.kind)).toEqual(['size']);
    // A quote is escaped twice on the way (in the card's JSON, then in the request's): four bytes.
    expect(cardRequestBytes(card([div('"')])) - cardRequestBytes(card([div('x')]))).toBe(4 - 1);
  });
});
