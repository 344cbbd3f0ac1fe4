/**
 * Teams-like look for the card previews: an Adaptive Cards HostConfig and the
 * CSS around it (buttons, inputs, card frame) for the light and the dark theme.
 * Values follow the Teams desktop client (Segoe UI 14 px, 16 px card padding,
 * up to 6 horizontal left-aligned actions, Fluent colors); this is a preview,
 * not a pixel-exact copy of Teams.
 */

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/** Card width in the PNGs, like a narrow Teams chat column. */
export const CARD_WIDTH = 450;
/** Chat background shown around the card, so its edge is visible. */
export const FRAME_PADDING = 8;

/**
 * Segoe UI as in Teams; on Linux (no Segoe UI) Liberation Sans for Latin and
 * Cyrillic and Noto Sans CJK SC for Chinese (fonts-liberation, fonts-noto-cjk).
 */
export const FONT_FAMILY = "'Segoe UI', 'Segoe UI Web (West European)', 'Liberation Sans', 'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif";

interface Palette {
  chatBackground: string;
  cardBorder: string;
  separator: string;
  text: string;
  subtle: string;
  /** Foreground colors by Adaptive Cards color name (good/warning/attention/accent). */
  accent: string;
  good: string;
  warning: string;
  attention: string;
  /** Text in "Light" / "Dark" color, as the theme sees it. */
  light: string;
  dark: string;
  /** Container backgrounds by style. */
  backgrounds: Record<'default' | 'emphasis' | 'accent' | 'good' | 'attention' | 'warning', string>;
  button: { background: string; border: string; text: string; hover: string };
  primary: { background: string; text: string };
  input: { background: string; border: string; bottom: string; text: string; placeholder: string };
}

const PALETTES: Record<Theme, Palette> = {
  light: {
    chatBackground: '#f5f5f5',
    cardBorder: '#e0e0e0',
    separator: '#e0e0e0',
    text: '#242424',
    subtle: '#616161',
    accent: '#4f52b2',
    good: '#0e7a0b',
    warning: '#835b00',
    attention: '#c4314b',
    light: '#ffffff',
    dark: '#242424',
    backgrounds: { default: '#ffffff', emphasis: '#f5f5f5', accent: '#e8ebfa', good: '#e7f2da', attention: '#fcf4f6', warning: '#fbf6d9' },
    button: { background: '#ffffff', border: '#d1d1d1', text: '#242424', hover: '#f5f5f5' },
    primary: { background: '#5b5fc7', text: '#ffffff' },
    input: { background: '#ffffff', border: '#d1d1d1', bottom: '#616161', text: '#242424', placeholder: '#707070' },
  },
  dark: {
    chatBackground: '#1f1f1f',
    cardBorder: '#3d3d3d',
    separator: '#3d3d3d',
    text: '#ffffff',
    subtle: '#adadad',
    accent: '#a6a7dc',
    good: '#92c353',
    warning: '#f8d22a',
    attention: '#f1707b',
    light: '#ffffff',
    dark: '#242424',
    backgrounds: { default: '#292929', emphasis: '#1f1f1f', accent: '#2f2f4a', good: '#0d2e0d', attention: '#3e1f25', warning: '#463100' },
    button: { background: '#292929', border: '#666666', text: '#ffffff', hover: '#3d3d3d' },
    primary: { background: '#4f52b2', text: '#ffffff' },
    input: { background: '#1f1f1f', border: '#5c5c5c', bottom: '#adadad', text: '#ffffff', placeholder: '#adadad' },
  },
};

function foregroundColors(p: Palette) {
  const pair = (color: string) => ({ default: color, subtle: color });
  return {
    default: { default: p.text, subtle: p.subtle },
    dark: pair(p.dark),
    light: pair(p.light),
    accent: pair(p.accent),
    good: pair(p.good),
    warning: pair(p.warning),
    attention: pair(p.attention),
  };
}

/** The HostConfig JSON (passed to `new AdaptiveCards.HostConfig(...)` in the page). */
export function hostConfig(theme: Theme): Record<string, unknown> {
  const p = PALETTES[theme];
  const fg = foregroundColors(p);
  const containerStyles = Object.fromEntries(
    Object.entries(p.backgrounds).map(([style, backgroundColor]) => [style, { backgroundColor, borderColor: p.cardBorder, foregroundColors: fg }]),
  );
  return {
    supportsInteractivity: true,
    fontFamily: FONT_FAMILY,
    fontTypes: {
      default: {
        fontFamily: FONT_FAMILY,
        fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
        fontWeights: { lighter: 300, default: 400, bolder: 600 },
      },
      monospace: {
        fontFamily: "Consolas, 'Liberation Mono', 'Noto Sans Mono CJK SC', monospace",
        fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
        fontWeights: { lighter: 300, default: 400, bolder: 600 },
      },
    },
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: p.separator },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles,
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
      preExpandSingleShowCardAction: false,
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      iconPlacement: 'leftOfTitle',
    },
    adaptiveCard: { allowCustomStyle: true },
    textStyles: {
      heading: { size: 'large', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
      columnHeader: { size: 'default', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
    },
    factSet: {
      title: { size: 'default', color: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
      value: { size: 'default', color: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 12,
    },
    inputs: {
      label: {
        inputSpacing: 'small',
        requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'bolder' },
      },
      errorMessage: { size: 'default', color: 'attention', weight: 'default', spacing: 'small' },
    },
  };
}

/** Page CSS: the chat background, the card frame and Teams-like buttons and inputs. */
export function themeCss(theme: Theme): string {
  const p = PALETTES[theme];
  return `
html, body { margin: 0; padding: 0; background: ${p.chatBackground}; color-scheme: ${theme}; }
body { font-family: ${FONT_FAMILY}; font-size: 14px; -webkit-font-smoothing: antialiased; }
#frame { display: inline-block; padding: ${FRAME_PADDING}px; background: ${p.chatBackground}; }
#card { width: ${CARD_WIDTH}px; box-sizing: border-box; border: 1px solid ${p.cardBorder}; border-radius: 6px; overflow: hidden; background: ${p.backgrounds.default}; }
#card .ac-adaptiveCard { outline: none; }
#card p { margin: 0 0 8px 0; }
#card ul, #card ol { box-sizing: border-box; margin: 0 0 8px 0; padding-left: 24px; }
#card a.ac-anchor, #card a.ac-anchor:link, #card a.ac-anchor:visited { color: ${p.accent}; }
#card .ac-pushButton {
  box-sizing: border-box; height: 32px; padding: 0 12px; border-radius: 4px;
  font-family: ${FONT_FAMILY}; font-size: 14px; font-weight: 600; line-height: 30px;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  background: ${p.button.background}; color: ${p.button.text}; border: 1px solid ${p.button.border};
}
#card .ac-pushButton > div { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#card .ac-pushButton:hover { background: ${p.button.hover}; color: ${p.button.text}; border: 1px solid ${p.button.border}; }
#card .ac-pushButton.style-positive, #card .ac-pushButton.style-positive:hover { background: ${p.primary.background}; color: ${p.primary.text}; border-color: ${p.primary.background}; }
#card .ac-pushButton.style-destructive, #card .ac-pushButton.style-destructive:hover { background: ${p.button.background}; color: ${p.attention}; border-color: ${p.button.border}; }
#card .ac-input { font-family: ${FONT_FAMILY}; font-size: 14px; color: ${p.input.text}; }
#card .ac-input.ac-textInput, #card .ac-input.ac-dateInput, #card .ac-input.ac-numberInput, #card .ac-input.ac-timeInput,
#card .ac-input.ac-multichoiceInput, #card .ac-input.ac-choiceSetInput-filtered-textbox {
  box-sizing: border-box; height: 32px; padding: 0 10px; border-radius: 4px;
  background: ${p.input.background}; color: ${p.input.text};
  border: 1px solid ${p.input.border}; border-bottom-color: ${p.input.bottom};
}
#card .ac-input.ac-textInput.ac-multiline { height: 72px; padding-top: 6px; }
#card .ac-input::placeholder { color: ${p.input.placeholder}; opacity: 1; }
#card .ac-input.ac-choiceSetInput-filtered-dropdown { background: ${p.input.background}; border-color: ${p.input.border}; }
#card .ac-input.ac-choiceSetInput-expanded, #card .ac-input.ac-choiceSetInput-multiSelect { color: ${p.text}; }
#card input[type=radio], #card input[type=checkbox] { accent-color: ${p.primary.background}; }
`;
}
