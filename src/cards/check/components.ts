import {
  arrayOf, behaviors, boolean, type Check, color, confirm, direction, horizontalAlign, icon, integer, jumpAction,
  margin, number, object, oneOf, padding, plainText, shape, spacing, string, text, textSize, verticalAlign, wordOrPixels,
} from './values';

/**
 * Each component of Card JSON 2.0 that a card may hold, with every property its page lists
 * (pages under open.larksuite.com/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/,
 * named in `doc`). Anything not listed is refused: 2.0 rejects properties it does not know.
 * Historical properties a page still shows in examples (a button's `value`/`url`, an input's
 * `value`, `action_type`) are left out on purpose: we write the 2.0 form only.
 */
export interface ComponentSpec {
  doc: string;
  props: Record<string, Check>;
  required?: string[];
  /** Properties holding child components; the walker checks what they hold. */
  children?: string[];
  /** Needs a `name` inside a form (and submits its value with it). */
  formField?: boolean;
}

/** Children are checked by the walker, not here. */
const children: Check = () => {};

/** element_id is checked card-wide (format and uniqueness); margin is common to every component. */
const common = { tag: string, element_id: string, margin };
const width = (min: number, max: number, ...words: string[]) => wordOrPixels(words, min, max);
const selectOption = shape({ text: plainText, icon, value: string }, ['text', 'value']);
const textObject = text(['plain_text', 'lark_md'], {
  extra: { text_size: textSize, text_color: color, text_align: horizontalAlign, lines: integer(1, 999) },
});
/** What the single- and multi-select pages both list. */
const selectProps = {
  ...common,
  type: oneOf('default', 'text'),
  name: string,
  required: boolean,
  disabled: boolean,
  placeholder: text(['plain_text'], { maxChars: 100 }),
  width: width(100, 99999, 'default', 'fill'),
  behaviors,
  options: arrayOf(selectOption),
  confirm,
};
const containerLayout = {
  direction, padding, horizontal_spacing: spacing, horizontal_align: horizontalAlign, vertical_spacing: spacing, vertical_align: verticalAlign,
};

export const COMPONENTS: Record<string, ComponentSpec> = {
  div: {
    doc: 'content-components/plain-text',
    props: { ...common, width: width(16, 999, 'fill', 'auto'), text: textObject, icon },
  },
  markdown: {
    doc: 'content-components/rich-text',
    props: { ...common, content: string, text_align: horizontalAlign, text_size: textSize, icon },
    required: ['content'],
  },
  hr: { doc: 'content-components/divider', props: { ...common } },
  img: {
    doc: 'content-components/image',
    props: {
      ...common, img_key: string, alt: plainText, title: plainText, corner_radius: string,
      scale_type: oneOf('crop_center', 'crop_top', 'fit_horizontal'), size: string, transparent: boolean, preview: boolean,
    },
    required: ['img_key', 'alt'],
  },
  chart: {
    doc: 'content-components/chart',
    props: {
      ...common,
      aspect_ratio: oneOf('1:1', '2:1', '4:3', '16:9'),
      color_theme: oneOf('brand', 'rainbow', 'complementary', 'converse', 'primary'),
      // A VChart spec: its own schema, not Lark's; an object is all Lark asks of it here.
      chart_spec: object,
      preview: boolean,
      height: width(1, 999, 'auto'),
    },
    required: ['chart_spec'],
  },
  table: {
    doc: 'content-components/table',
    props: {
      ...common,
      page_size: integer(1, 10),
      row_height: wordOrPixels(['low', 'middle', 'high', 'auto'], 32, 124),
      row_max_height: wordOrPixels([], 32, 999),
      freeze_first_column: boolean,
      header_style: shape({
        text_align: horizontalAlign, text_size: oneOf('normal', 'heading'), background_style: oneOf('grey', 'none'),
        text_color: oneOf('default', 'grey'), bold: boolean, lines: integer(1, 999),
      }),
      columns: arrayOf(
        shape(
          {
            name: string, display_name: string, width: string, vertical_align: verticalAlign, horizontal_align: horizontalAlign,
            data_type: oneOf('text', 'lark_md', 'options', 'number', 'persons', 'date', 'markdown'),
            format: shape({ precision: integer(0, 10), symbol: string, separator: boolean }),
            date_format: string,
          },
          ['name', 'data_type'],
        ),
        50,
      ),
      // Each row: column name → value (checked against the columns by the walker).
      rows: arrayOf(object),
    },
    required: ['columns', 'rows'],
  },
  column_set: {
    doc: 'containers/column-set',
    props: {
      ...common,
      horizontal_spacing: spacing,
      horizontal_align: horizontalAlign,
      flex_mode: oneOf('none', 'stretch', 'flow', 'bisect', 'trisect'),
      background_style: color,
      action: jumpAction,
      columns: children,
    },
    required: ['columns'],
    children: ['columns'],
  },
  column: {
    doc: 'containers/column-set',
    props: {
      ...common, ...containerLayout,
      background_style: color,
      width: width(16, 600, 'auto', 'weighted'),
      weight: integer(1, 5),
      action: jumpAction,
      elements: children,
    },
    children: ['elements'],
  },
  form: {
    doc: 'containers/form-container',
    props: { ...common, ...containerLayout, name: string, elements: children },
    required: ['name', 'elements'],
    children: ['elements'],
  },
  collapsible_panel: {
    doc: 'containers/collapsible-panel',
    props: {
      ...common, ...containerLayout,
      expanded: boolean,
      background_color: color,
      header: shape(
        {
          title: text(['plain_text', 'markdown']),
          background_color: color,
          vertical_align: verticalAlign,
          padding,
          position: oneOf('top', 'bottom'),
          width: oneOf('fill', 'auto', 'auto_when_fold'),
          icon: shape({ tag: oneOf('standard_icon', 'custom_icon'), token: string, color, img_key: string, size: string }, ['tag']),
          icon_position: oneOf('left', 'right', 'follow_text'),
          icon_expanded_angle: oneOf(-180, -90, 90, 180),
        },
      ),
      border: shape({ color, corner_radius: string }),
      elements: children,
    },
    required: ['header'],
    children: ['elements'],
  },
  interactive_container: {
    doc: 'containers/interactive-container',
    props: {
      ...common, ...containerLayout,
      width: width(16, 999, 'fill', 'auto'),
      height: width(10, 999, 'auto'),
      background_style: color,
      has_border: boolean,
      border_color: color,
      corner_radius: string,
      behaviors,
      hover_tips: plainText,
      disabled: boolean,
      disabled_tips: plainText,
      confirm,
      elements: children,
    },
    required: ['behaviors'],
    children: ['elements'],
  },
  button: {
    doc: 'interactive-components/button',
    props: {
      ...common,
      type: oneOf('default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'),
      size: oneOf('tiny', 'small', 'medium', 'large'),
      width: width(100, 99999, 'default', 'fill'),
      text: text(['plain_text'], { maxChars: 100 }),
      icon,
      hover_tips: plainText,
      disabled: boolean,
      disabled_tips: plainText,
      confirm,
      behaviors,
      name: string,
      form_action_type: oneOf('submit', 'reset'),
    },
    formField: true,
  },
  input: {
    doc: 'interactive-components/input',
    props: {
      ...common,
      name: string,
      required: boolean,
      disabled: boolean,
      disabled_tips: plainText,
      placeholder: text(['plain_text'], { maxChars: 100 }),
      default_value: string,
      width: width(100, 99999, 'default', 'fill'),
      behaviors,
      max_length: integer(1, 1000),
      input_type: oneOf('text', 'multiline_text', 'password'),
      show_icon: boolean,
      rows: integer(1, 999),
      auto_resize: boolean,
      max_rows: integer(1, 999),
      label: plainText,
      label_position: oneOf('top', 'left'),
      confirm,
    },
    formField: true,
  },
  select_static: {
    doc: 'interactive-components/single-select-dropdown-menu',
    props: { ...selectProps, initial_option: string, initial_index: integer(0, 9999) },
    formField: true,
  },
  multi_select_static: {
    doc: 'interactive-components/multi-select-dropdown-menu',
    props: { ...selectProps, selected_values: arrayOf(string) },
    required: ['name'],
    formField: true,
  },
  checker: {
    doc: 'interactive-components/checker',
    props: {
      ...common,
      name: string,
      checked: boolean,
      text: text(['plain_text', 'lark_md'], {
        extra: { text_size: oneOf('normal', 'heading', 'notation'), text_color: color, text_align: horizontalAlign },
      }),
      overall_checkable: boolean,
      button_area: shape({ pc_display_rule: oneOf('always', 'on_hover'), buttons: children }),
      checked_style: shape({ show_strikethrough: boolean, opacity: number(0, 1) }),
      padding: margin,
      confirm,
      behaviors,
      hover_tips: plainText,
      disabled: boolean,
      disabled_tips: plainText,
    },
    children: ['button_area.buttons'],
    formField: true,
  },
};

/** 1.0 modules that 2.0 no longer has (structure page and the 2.0 release notes). */
export const REMOVED_IN_2_0: Record<string, string> = {
  action: 'the 1.0 "action" module is gone in 2.0: put buttons in elements or a column_set',
  note: 'the 1.0 "note" component is gone in 2.0: use a div or markdown with text_size "notation"',
};

/** Containers: each counts one level of the five Lark allows (a column belongs to its column_set). */
export const CONTAINERS = new Set(['column_set', 'form', 'collapsible_panel', 'interactive_container']);
