/** Okabe–Ito colours, the SHAP diverging scale, and WCAG contrast helpers. */
import { interpolateRgb } from 'd3-interpolate';

export const okabeIto = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
} as const;

/** Roles used across charts. "Lowers risk" is blue, "raises risk" orange (vermillion for contrast). */
export const roles = {
  ink: '#1b2631',
  muted: '#4a5866',
  grid: '#d5dbe1',
  surface: '#ffffff',
  lowers: okabeIto.blue,
  raises: okabeIto.vermillion,
  neutral: '#6b7280',
  repaid: okabeIto.blue,
  defaulted: okabeIto.vermillion,
  highlight: okabeIto.black,
} as const;

const toNeutralLow = interpolateRgb(roles.neutral, roles.lowers);
const toNeutralHigh = interpolateRgb(roles.neutral, roles.raises);

/**
 * Blue–orange diverging colour for a signed value, saturating at |value| = maxAbs.
 * The mid-point is a mid grey (not white) so every colour keeps >= 3:1 on white.
 */
export function divergingColor(value: number, maxAbs: number): string {
  const t = maxAbs > 0 ? Math.min(1, Math.abs(value) / maxAbs) : 0;
  // Start a third of the way out so small contributions still read as blue or orange.
  const k = 0.35 + 0.65 * t;
  return value < 0 ? toNeutralLow(k) : toNeutralHigh(k);
}

/** Parse #rgb / #rrggbb / rgb(r, g, b) into 0–255 channels. */
export function parseColor(color: string): [number, number, number] {
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/i.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  let hex = color.replace('#', '');
  if (hex.length === 3) hex = hex.split('').map((c) => c + c).join('');
  if (!/^[0-9a-f]{6}$/i.test(hex)) throw new TypeError(`Not a colour: ${color}`);
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

export function relativeLuminance(color: string): number {
  const [r, g, b] = parseColor(color).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
