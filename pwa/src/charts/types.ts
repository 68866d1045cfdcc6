import type { Locale } from '../i18n/messages.js';

export interface TableData {
  columns: string[];
  rows: string[][];
}

export interface BaseOptions {
  width: number;
  height: number;
  locale: Locale;
  /** Receives the text of the mark that has keyboard focus (sent to the live region). */
  announce?: (message: string) => void;
}

/** What every chart module exports: a pure draw function and its text equivalents. */
export interface ChartModule<D, O extends BaseOptions = BaseOptions> {
  defaults: O;
  draw(svg: SVGSVGElement, data: D, options?: Partial<O>): void;
  headline(data: D, locale: Locale): string;
  describe(data: D, locale: Locale): string;
  table(data: D, locale: Locale): TableData;
}
