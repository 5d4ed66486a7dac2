import { describe, expect, it } from 'vitest';
import { buildCard, button, markdown, plainText, row } from '../../src/cards/card';
import { renderCard, renderChart, renderElement, tableCell } from '../../src/sandbox/web/card-renderer.js';
import { renderMarkdown, renderText } from '../../src/sandbox/web/markdown.js';

const names: Record<string, string> = { ou_doc: '东风村村医' };
const ctx = { nameOf: (id: string) => names[id] };

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const callbacks = (html: string) => [...html.matchAll(/data-callback="([^"]*)"/g)].map((m) => JSON.parse(unescape(m[1]!)));

describe('sandbox card renderer', () => {
  it('shows the header in its template colour and escapes what the card says', () => {
    const html = renderCard(buildCard({ title: '今日核酸采样 · 东风村', color: 'blue', elements: [plainText('张* <script>alert(1)</script>\n第二行')] }), ctx);
    expect(html).toContain('class="card-header tpl-blue"');
    expect(html).toContain('今日核酸采样 · 东风村');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<br>第二行');
    expect(html).not.toContain('<script>');
  });

  it('carries each button\'s callback value, as Lark sends it back on a press', () => {
    const value = { action: 'test.sample', dutyId: 7, note: '"quoted" & <b>' };
    const html = renderCard(buildCard({ title: 't', color: 'green', elements: [row('#1 张* 第1天', [button('已采样', value, 'primary')])] }), ctx);
    expect(callbacks(html)).toEqual([value]);
    expect(html).toContain('class="btn btn-primary" type="button"');
    expect(html).toMatch(/class="el-columns"><div class="el-column" style="flex:1 1 0;align-self:center">/);
  });

  it('renders a form with its inputs, multi-select choices and a submit button that carries its value', () => {
    const html = renderElement(
      {
        tag: 'form',
        name: 'temps',
        elements: [
          { tag: 'input', name: 't_1', required: true, max_length: 8, placeholder: { tag: 'plain_text', content: '体温' }, label: { tag: 'plain_text', content: '复测体温' } },
          { tag: 'multi_select_static', name: 's_1', options: [{ text: { tag: 'plain_text', content: '发热' }, value: '发热' }, { text: { tag: 'plain_text', content: '干咳' }, value: '干咳' }] },
          { tag: 'checker', name: 'ok', text: { tag: 'plain_text', content: '已核实' } },
          { tag: 'select_static', name: 'prio', options: [{ text: { tag: 'plain_text', content: '高' }, value: 'high' }] },
          { tag: 'button', name: 'submit', form_action_type: 'submit', text: { tag: 'plain_text', content: '提交' }, behaviors: [{ type: 'callback', value: { action: 'temp.submit' } }] },
        ],
      },
      ctx,
    );
    expect(html).toContain('<form class="el-form" data-form="temps"');
    expect(html).toMatch(/<input class="el-input" type="text" value="" name="t_1" placeholder="体温" required maxlength="8">/);
    expect(html).toContain('复测体温<span class="required">*</span>');
    expect(html).toContain('data-multi="s_1"');
    expect(html.match(/type="checkbox" value="/g)).toHaveLength(2);
    expect(html).toContain('data-checker="ok"');
    expect(html).toContain('<select class="el-select" name="prio"');
    expect(html).toMatch(/<button class="btn btn-default" type="submit" name="submit" data-callback="[^"]+">提交<\/button>/);
    expect(callbacks(html)).toEqual([{ action: 'temp.submit' }]);
  });

  it('shows an element it does not know as a grey placeholder naming its tag, and survives malformed cards', () => {
    expect(renderElement({ tag: 'date_picker', name: 'd' }, ctx)).toBe('<div class="el-unknown">（此处是卡片元素 date_picker，沙盒暂不显示）</div>');
    expect(() => renderCard({ header: 3, body: { elements: [null, 7, 'x', { tag: 'column_set', columns: 'bad' }] } }, ctx)).not.toThrow();
    expect(renderCard(null, ctx)).toBe('<div class="card"><div class="card-body"></div></div>');
  });

  it('reads 1.0 cards, whose elements sit at the top level', () => {
    const html = renderCard({ header: { title: { tag: 'plain_text', content: '旧卡片' }, template: 'orange' }, elements: [markdown('**粗体**')] }, ctx);
    expect(html).toContain('tpl-orange');
    expect(html).toContain('<strong>粗体</strong>');
  });

  it('draws a line chart from the chart spec, one point per value, and keeps the numbers as a table', () => {
    const html = renderChart({ type: 'line', title: { text: '近14天在管人数' }, data: { values: [{ date: '11-01', n: 1 }, { date: '11-02', n: 3 }, { date: '11-03', n: 2 }] }, xField: 'date', yField: 'n' });
    expect(html.match(/<circle /g)).toHaveLength(3);
    expect(html).toContain('<polyline');
    expect(html).toContain('<td>11-02</td><td>3</td>');
    expect(html).toContain('<details class="chart-data" >');
  });

  it('shows a chart type it cannot draw as its data table, opened', () => {
    const html = renderChart({ type: 'pie', data: { values: [{ type: '居家隔离', value: 4 }] }, valueField: 'value', categoryField: 'type' });
    expect(html).not.toContain('<svg');
    expect(html).toContain('<details class="chart-data" open>');
    expect(html).toContain('<td>居家隔离</td><td>4</td>');
  });

  it('formats table cells by their column type', () => {
    expect(tableCell([{ text: 'S2', color: 'blue' }], { data_type: 'options' }, ctx)).toBe('<span class="text-tag tag-blue">S2</span>');
    expect(tableCell(['ou_doc', 'ou_x'], { data_type: 'persons' }, ctx)).toBe('<span class="mention">@东风村村医</span> <span class="mention">@ou_x</span>');
    expect(tableCell(1234.5, { data_type: 'number', format: { symbol: '¥', precision: 2, separator: true } }, ctx)).toBe('¥1,234.50');
    expect(tableCell('<b>', { data_type: 'text' }, ctx)).toBe('&lt;b&gt;');
  });
});

describe('sandbox markdown', () => {
  it('renders mentions by name, emphasis, safe colours and http links only', () => {
    const html = renderMarkdown("<at id=ou_doc></at> **急** <font color='red'>38.5℃</font> [详情](https://example.com) [x](javascript:alert(1))", ctx.nameOf);
    expect(html).toContain('<span class="mention">@东风村村医</span>');
    expect(html).toContain('<strong>急</strong>');
    expect(html).toContain('<span style="color:red">38.5℃</span>');
    expect(html).toContain('<a href="https://example.com" target="_blank" rel="noopener">详情</a>');
    expect(html).not.toContain('href="javascript');
  });

  it('refuses a colour that could break out of the style attribute', () => {
    expect(renderMarkdown("<font color='red;background:url(x)'>t</font>", ctx.nameOf)).toBe('<div>t</div>');
  });

  it('shows a text message with line breaks and its mentions', () => {
    expect(renderText('请复测\n<at user_id="ou_doc">张医生</at> <at user_id="ou_new">李四</at>', ctx.nameOf)).toBe(
      '请复测<br><span class="mention">@东风村村医</span> <span class="mention">@李四</span>',
    );
  });
});
