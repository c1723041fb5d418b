/**
 * Colours derived from the campaign's: text that stays readable on it (WCAG
 * contrast), and a shade dark enough to be used as text on white.
 */
export interface Theme {
  /** The campaign colour: launcher, header, the customer's bubbles, primary buttons. */
  accent: string;
  /** Text and icons on the accent. */
  onAccent: string;
  /** The accent darkened until it reads as text on white (links, focus rings). */
  ink: string;
}

export const DEFAULT_COLOUR = '#2563EB';
const HEX = /^#([0-9a-f]{6})$/i;

function channels(hex: string): [number, number, number] {
  const value = parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function luminance([r, g, b]: readonly number[]): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r ?? 0) + 0.7152 * linear(g ?? 0) + 0.0722 * linear(b ?? 0);
}

/** WCAG 2 contrast ratio between two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(channels(a)), luminance(channels(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const toHex = (rgb: readonly number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

export function themeFor(colour: string | null | undefined): Theme {
  const accent = colour && HEX.test(colour) ? colour.toLowerCase() : DEFAULT_COLOUR.toLowerCase();
  // White when it reads well, else the darkest text that does (pure black always reaches 4.58:1).
  const onAccent = contrast(accent, '#ffffff') >= 4.5 ? '#ffffff' : contrast(accent, '#111827') >= 4.5 ? '#111827' : '#000000';
  let rgb = channels(accent);
  let ink = accent;
  for (let step = 0; step < 20 && contrast(ink, '#ffffff') < 4.5; step++) {
    rgb = [rgb[0] * 0.88, rgb[1] * 0.88, rgb[2] * 0.88];
    ink = toHex(rgb);
  }
  return { accent, onAccent, ink };
}

/** The theme as CSS custom properties, for a stylesheet of its own (no inline styles: host pages may forbid them). */
export function themeCss(theme: Theme): string {
  return `.root{--accent:${theme.accent};--on-accent:${theme.onAccent};--ink:${theme.ink};}`;
}
