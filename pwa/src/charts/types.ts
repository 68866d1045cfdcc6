import type { Locale } from '../i18n/messages.js';

export interface TableData {
  columns: string[];
  rows: string[][];
  /** Cells of a row that link somewhere (a client's file), by row. */
  links?: Array<{ column: number; href: string }>;
  /**
   * Raw values to sort by, per row and column (null = missing, sorted last). With them the table's
   * headers sort; without them the rows keep the chart's order.
   */
  sortValues?: Array<Array<number | string | null>>;
  /** Show at most this many rows after sorting (with a note saying so); all rows when absent. */
  maxRows?: number;
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
