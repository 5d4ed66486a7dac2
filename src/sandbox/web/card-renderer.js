// @ts-check
import { labels } from './labels.js';
import { escapeHtml, renderMarkdown } from './markdown.js';

/**
 * Renders Lark card JSON (2.0, and 1.0's top-level `elements`) to HTML, generically by
 * element tag (LARK.md §7), so new cards show without changes here. Pure: strings in,
 * a string out; the page wires the buttons and forms (data-callback, data-form).
 * An element it does not know becomes a small grey placeholder naming its tag.
 *
 * @typedef {{ [key: string]: unknown }} Json
 * @typedef {{ nameOf: (openId: string) => string | undefined, inForm?: boolean }} RenderContext
 */

const HEADER_COLORS = new Set(['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default']);
const BUTTON_TYPES = new Set(['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser']);
const SERIES_COLORS = ['#3370ff', '#34c724', '#ff8800', '#f54a45', '#7f3bf5', '#14c0ff'];

/** @param {unknown} v @returns {Json} */
const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? /** @type {Json} */ (v) : {});
/** @param {unknown} v @returns {unknown[]} */
const arr = (v) => (Array.isArray(v) ? v : []);
/** @param {unknown} v */
const str = (v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * A text object ({tag: plain_text | lark_md, content}) or a bare string.
 * @param {unknown} text
 * @param {RenderContext} ctx
 */
export function renderTextObject(text, ctx) {
  if (typeof text === 'string') return escapeHtml(text).replace(/\n/g, '<br>');
  const t = obj(text);
  const content = str(t.content);
  if (t.tag === 'lark_md' || t.tag === 'markdown') return renderMarkdown(content, ctx.nameOf);
  return escapeHtml(content).replace(/\n/g, '<br>');
}

/**
 * @param {unknown} card
 * @param {RenderContext} ctx
 */
export function renderCard(card, ctx) {
  const c = obj(card);
  const header = obj(c.header);
  const template = HEADER_COLORS.has(str(header.template)) ? str(header.template) : 'default';
  const title = header.title ? renderTextObject(header.title, ctx) : '';
  const subtitle = header.subtitle ? `<div class="card-subtitle">${renderTextObject(header.subtitle, ctx)}</div>` : '';
  const tags = arr(header.text_tag_list)
    .map((t) => `<span class="text-tag tag-${escapeHtml(str(obj(t).color) || 'neutral')}">${renderTextObject(obj(t).text, ctx)}</span>`)
    .join('');
  const elements = c.body ? obj(c.body).elements : c.elements;
  const head = title || subtitle || tags ? `<div class="card-header tpl-${template}"><div class="card-title">${title}${tags}</div>${subtitle}</div>` : '';
  return `<div class="card">${head}<div class="card-body">${renderElements(elements, ctx)}</div></div>`;
}

/**
 * @param {unknown} elements
 * @param {RenderContext} ctx
 */
export function renderElements(elements, ctx) {
  return arr(elements)
    .map((e) => renderElement(obj(e), ctx))
    .join('');
}

/**
 * @param {Json} e
 * @param {RenderContext} ctx
 * @returns {string}
 */
export function renderElement(e, ctx) {
  const tag = str(e.tag);
  switch (tag) {
    case 'markdown':
    case 'lark_md':
      return `<div class="el-md">${renderMarkdown(str(e.content), ctx.nameOf)}</div>`;
    case 'plain_text':
      return `<div class="el-text">${renderTextObject(e, ctx)}</div>`;
    case 'div':
      return renderDiv(e, ctx);
    case 'hr':
      return '<hr class="el-hr">';
    case 'note':
      return `<div class="el-note">${arr(e.elements).map((n) => (obj(n).tag === 'img' ? '' : renderTextObject(n, ctx))).join(' ')}</div>`;
    case 'column_set':
      return renderColumns(e, ctx);
    case 'column':
      return `<div class="el-column">${renderElements(e.elements, ctx)}</div>`;
    case 'action':
      return `<div class="el-actions">${renderElements(e.actions, ctx)}</div>`;
    case 'collapsible_panel':
      return `<details class="el-panel" ${e.expanded ? 'open' : ''}><summary>${renderTextObject(obj(obj(e.header).title), ctx)}</summary>${renderElements(e.elements, ctx)}</details>`;
    case 'button':
      return renderButton(e, ctx);
    case 'form':
      return `<form class="el-form" data-form="${escapeHtml(str(e.name))}" novalidate>${renderElements(e.elements, { ...ctx, inForm: true })}</form>`;
    case 'input':
      return renderInput(e, ctx);
    case 'select_static':
      return renderSelect(e, ctx);
    case 'multi_select_static':
      return renderMultiSelect(e, ctx);
    case 'checker':
      return renderChecker(e, ctx);
    case 'table':
      return renderTable(e, ctx);
    case 'chart':
      return renderChart(obj(e.chart_spec));
    case 'img':
    case 'image':
      return `<div class="el-img">${escapeHtml(labels.card.imagePlaceholder)}${e.alt ? renderTextObject(e.alt, ctx) : ''}</div>`;
    case 'person':
      return `<span class="mention">@${escapeHtml(ctx.nameOf(str(e.user_id)) ?? str(e.user_id))}</span>`;
    case 'person_list':
      return `<div>${arr(e.persons).map((p) => `<span class="mention">@${escapeHtml(ctx.nameOf(str(obj(p).id)) ?? str(obj(p).id))}</span>`).join(' ')}</div>`;
    default:
      return `<div class="el-unknown">${escapeHtml(labels.card.unknownElement(tag || '?'))}</div>`;
  }
}

/** @param {Json} e @param {RenderContext} ctx */
function renderDiv(e, ctx) {
  const text = e.text ? `<div class="el-text">${renderTextObject(e.text, ctx)}</div>` : '';
  const fields = arr(e.fields).length
    ? `<div class="el-fields">${arr(e.fields)
        .map((f) => `<div class="${obj(f).is_short ? 'field-short' : 'field-long'}">${renderTextObject(obj(f).text, ctx)}</div>`)
        .join('')}</div>`
    : '';
  const extra = e.extra ? renderElement(obj(e.extra), ctx) : '';
  return `<div class="el-div">${text}${fields}${extra}</div>`;
}

/** @param {Json} e @param {RenderContext} ctx */
function renderColumns(e, ctx) {
  const columns = arr(e.columns).map((col) => {
    const c = obj(col);
    const grow = c.width === 'weighted' ? Number(c.weight) || 1 : 0;
    const align = { top: 'flex-start', center: 'center', bottom: 'flex-end' }[str(c.vertical_align)] ?? 'flex-start';
    const style = `flex:${grow ? `${grow} 1 0` : '0 0 auto'};align-self:${align}`;
    return `<div class="el-column" style="${style}">${renderElements(c.elements, ctx)}</div>`;
  });
  return `<div class="el-columns">${columns.join('')}</div>`;
}

/**
 * The callback value a press sends: 2.0 `behaviors[type=callback].value`, or 1.0 `value`.
 * @param {Json} e
 * @returns {Json | null}
 */
export function callbackValue(e) {
  const behavior = arr(e.behaviors).map(obj).find((b) => b.type === 'callback');
  if (behavior && behavior.value && typeof behavior.value === 'object') return obj(behavior.value);
  return e.value && typeof e.value === 'object' ? obj(e.value) : null;
}

/** @param {Json} e @param {RenderContext} ctx */
function renderButton(e, ctx) {
  const type = BUTTON_TYPES.has(str(e.type)) ? str(e.type) : 'default';
  const text = renderTextObject(e.text, ctx);
  const url = arr(e.behaviors).map(obj).find((b) => b.type === 'open_url');
  if (url) return `<a class="btn btn-${type}" href="${escapeHtml(str(url.default_url))}" target="_blank" rel="noopener">${text}</a>`;
  const submitKind = str(e.form_action_type) || { form_submit: 'submit', form_reset: 'reset' }[str(e.action_type)] || '';
  const value = callbackValue(e);
  const attrs = [
    `class="btn btn-${type}"`,
    ctx.inForm && submitKind === 'submit' ? 'type="submit"' : ctx.inForm && submitKind === 'reset' ? 'type="reset"' : 'type="button"',
    e.name ? `name="${escapeHtml(str(e.name))}"` : '',
    value ? `data-callback="${escapeHtml(JSON.stringify(value))}"` : '',
    e.disabled ? 'disabled' : '',
  ].filter(Boolean);
  return `<button ${attrs.join(' ')}>${text}</button>`;
}

/** @param {Json} e @param {RenderContext} ctx */
function fieldLabel(e, ctx) {
  return e.label ? `<div class="field-label">${renderTextObject(e.label, ctx)}${e.required ? '<span class="required">*</span>' : ''}</div>` : '';
}

/** @param {Json} e @param {RenderContext} ctx */
function renderInput(e, ctx) {
  const placeholder = escapeHtml(str(obj(e.placeholder).content));
  const common = `name="${escapeHtml(str(e.name))}" placeholder="${placeholder}" ${e.required ? 'required' : ''} ${e.max_length ? `maxlength="${Number(e.max_length)}"` : ''}`;
  const field =
    e.input_type === 'multiline_text'
      ? `<textarea class="el-input" rows="${Number(e.rows) || 3}" ${common}>${escapeHtml(str(e.default_value))}</textarea>`
      : `<input class="el-input" type="${e.input_type === 'password' ? 'password' : 'text'}" value="${escapeHtml(str(e.default_value))}" ${common}>`;
  return `<label class="el-field">${fieldLabel(e, ctx)}${field}</label>`;
}

/** @param {Json} e @param {RenderContext} ctx */
function renderSelect(e, ctx) {
  const placeholder = str(obj(e.placeholder).content) || labels.card.selectPlaceholder;
  const options = arr(e.options)
    .map(obj)
    .map((o) => `<option value="${escapeHtml(str(o.value))}" ${o.value === e.initial_option ? 'selected' : ''}>${renderTextObject(o.text, ctx)}</option>`)
    .join('');
  return `<label class="el-field">${fieldLabel(e, ctx)}<select class="el-select" name="${escapeHtml(str(e.name))}" ${e.required ? 'required' : ''}><option value="">${escapeHtml(placeholder)}</option>${options}</select></label>`;
}

/** A multi-select shown as check boxes, so every choice is visible at once. @param {Json} e @param {RenderContext} ctx */
function renderMultiSelect(e, ctx) {
  const initial = new Set(arr(e.selected_values).map(str));
  const options = arr(e.options)
    .map(obj)
    .map(
      (o) =>
        `<label class="choice"><input type="checkbox" value="${escapeHtml(str(o.value))}" ${initial.has(str(o.value)) ? 'checked' : ''}>${renderTextObject(o.text, ctx)}</label>`,
    )
    .join('');
  const hint = str(obj(e.placeholder).content);
  return `<fieldset class="el-multi" data-multi="${escapeHtml(str(e.name))}">${fieldLabel(e, ctx)}${hint ? `<legend>${escapeHtml(hint)}</legend>` : ''}${options}</fieldset>`;
}

/** @param {Json} e @param {RenderContext} ctx */
function renderChecker(e, ctx) {
  return `<label class="el-checker"><input type="checkbox" data-checker="${escapeHtml(str(e.name))}" ${e.checked ? 'checked' : ''}>${renderTextObject(e.text, ctx)}</label>`;
}

/** @param {Json} e @param {RenderContext} ctx */
function renderTable(e, ctx) {
  const columns = arr(e.columns).map(obj);
  const head = columns.map((c) => `<th>${escapeHtml(str(c.display_name) || str(c.name))}</th>`).join('');
  const rows = arr(e.rows)
    .map(obj)
    .map((r) => `<tr>${columns.map((c) => `<td>${tableCell(r[str(c.name)], c, ctx)}</td>`).join('')}</tr>`)
    .join('');
  return `<div class="el-table"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/**
 * @param {unknown} value
 * @param {Json} column
 * @param {RenderContext} ctx
 */
export function tableCell(value, column, ctx) {
  switch (column.data_type) {
    case 'lark_md':
    case 'markdown':
      return renderMarkdown(str(value), ctx.nameOf);
    case 'options':
      return arr(value)
        .map(obj)
        .map((o) => `<span class="text-tag tag-${escapeHtml(str(o.color) || 'neutral')}">${escapeHtml(str(o.text))}</span>`)
        .join(' ');
    case 'persons':
      return arr(value).map((id) => `<span class="mention">@${escapeHtml(ctx.nameOf(str(id)) ?? str(id))}</span>`).join(' ');
    case 'date':
      return typeof value === 'number' ? escapeHtml(new Date(value).toISOString().slice(0, 10)) : escapeHtml(str(value));
    case 'number': {
      const format = obj(column.format);
      if (typeof value !== 'number') return escapeHtml(str(value));
      const digits = typeof format.precision === 'number' ? format.precision : undefined;
      const n = value.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: format.separator === true });
      return escapeHtml(`${str(format.symbol)}${n}`);
    }
    default:
      return escapeHtml(str(value));
  }
}

/**
 * A VChart spec drawn as SVG: line and bar charts by xField/yField (and seriesField);
 * anything else as its data table. The data table is always there to read the numbers.
 * @param {Json} spec
 */
export function renderChart(spec) {
  const title = str(obj(spec.title).text);
  const values = arr(obj(spec.data).values).map(obj);
  const xField = str(Array.isArray(spec.xField) ? spec.xField[0] : spec.xField);
  const yField = str(Array.isArray(spec.yField) ? spec.yField[0] : spec.yField);
  const plotted = (spec.type === 'line' || spec.type === 'bar') && xField && yField ? chartSvg(values, xField, yField, str(spec.seriesField), spec.type) : '';
  const keys = [...new Set(values.flatMap((v) => Object.keys(v)))];
  const table = `<table><thead><tr>${keys.map((k) => `<th>${escapeHtml(k)}</th>`).join('')}</tr></thead><tbody>${values
    .map((v) => `<tr>${keys.map((k) => `<td>${escapeHtml(str(v[k]))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
  return `<div class="el-chart">${title ? `<div class="chart-title">${escapeHtml(title)}</div>` : ''}${plotted}<details class="chart-data" ${plotted ? '' : 'open'}><summary>${escapeHtml(labels.card.chartData)}</summary>${table}</details></div>`;
}

/**
 * @param {Json[]} values
 * @param {string} xField
 * @param {string} yField
 * @param {string} seriesField
 * @param {unknown} type
 */
function chartSvg(values, xField, yField, seriesField, type) {
  const W = 320;
  const H = 140;
  const pad = { left: 30, right: 8, top: 10, bottom: 24 };
  const xs = [...new Set(values.map((v) => str(v[xField])))];
  const series = seriesField ? [...new Set(values.map((v) => str(v[seriesField])))] : [''];
  const max = Math.max(1, ...values.map((v) => Number(v[yField]) || 0));
  const plotW = W - pad.left - pad.right;
  const plotH = H - pad.top - pad.bottom;
  const x = (/** @type {number} */ i) => pad.left + (xs.length <= 1 ? plotW / 2 : (i * plotW) / (xs.length - 1));
  const y = (/** @type {number} */ n) => pad.top + plotH - (n / max) * plotH;
  const parts = [
    `<line x1="${pad.left}" y1="${pad.top + plotH}" x2="${W - pad.right}" y2="${pad.top + plotH}" class="axis"/>`,
    `<text x="${pad.left - 4}" y="${pad.top + 4}" class="tick" text-anchor="end">${max}</text>`,
    `<text x="${pad.left - 4}" y="${pad.top + plotH}" class="tick" text-anchor="end">0</text>`,
  ];
  // Counted back from the last label, so the newest point is always labelled and none overlap.
  const step = Math.max(1, Math.ceil(xs.length / 7));
  xs.forEach((label, i) => {
    const anchor = i === xs.length - 1 && xs.length > 1 ? 'end' : 'middle';
    if ((xs.length - 1 - i) % step === 0) parts.push(`<text x="${x(i)}" y="${H - 6}" class="tick" text-anchor="${anchor}">${escapeHtml(label)}</text>`);
  });
  series.forEach((name, s) => {
    const color = SERIES_COLORS[s % SERIES_COLORS.length];
    const points = xs.map((label, i) => {
      const row = values.find((v) => str(v[xField]) === label && (!seriesField || str(v[seriesField]) === name));
      return { i, n: Number(row?.[yField]) || 0 };
    });
    if (type === 'bar') {
      const band = plotW / Math.max(1, xs.length) / (series.length + 1);
      for (const p of points) {
        const left = pad.left + (p.i * plotW) / Math.max(1, xs.length) + band * (s + 0.5);
        parts.push(`<rect x="${left.toFixed(1)}" y="${y(p.n).toFixed(1)}" width="${band.toFixed(1)}" height="${(pad.top + plotH - y(p.n)).toFixed(1)}" fill="${color}"/>`);
      }
    } else {
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((p) => `${x(p.i).toFixed(1)},${y(p.n).toFixed(1)}`).join(' ')}"/>`);
      for (const p of points) parts.push(`<circle cx="${x(p.i).toFixed(1)}" cy="${y(p.n).toFixed(1)}" r="2.5" fill="${color}"><title>${escapeHtml(xs[p.i])}: ${p.n}</title></circle>`);
    }
  });
  return `<svg class="chart-svg" viewBox="0 0 ${W} ${H}" role="img">${parts.join('')}</svg>`;
}
