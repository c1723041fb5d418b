/**
 * The widget's colour rules (widget/src/theme.ts), for the editor's preview and its contrast
 * warning: text on the campaign colour is white when it reads well (WCAG 4.5:1), dark otherwise.
 */
const HEX = /^#[0-9a-f]{6}$/i;

function luminance(hex: string): number {
  const value = parseInt(hex.slice(1), 16);
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear((value >> 16) & 255) + 0.7152 * linear((value >> 8) & 255) + 0.0722 * linear(value & 255);
}

/** WCAG 2 contrast ratio between two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export const isColour = (value: string): boolean => HEX.test(value.trim());

/** The colour the widget writes on the campaign colour. */
export function textOn(colour: string): string {
  if (!isColour(colour)) return '#ffffff';
  const accent = colour.trim();
  return contrast(accent, '#ffffff') >= 4.5 ? '#ffffff' : contrast(accent, '#111827') >= 4.5 ? '#111827' : '#000000';
}

/** Whether white text on this colour is hard to read (below WCAG AA for normal text). */
export const poorWithWhite = (colour: string): boolean => isColour(colour) && contrast(colour.trim(), '#ffffff') < 4.5;
