/**
 * A report as data: what the PDF says, in reading order, with every text already in the report's
 * language and every number already formatted. The model (model.ts) makes it; the renderer
 * (pdf.ts) only lays it out, so tests can check the content without a PDF and the renderer needs
 * no i18n.
 */
import type { SeriesStyle } from '../charts/palette';

/** Where ReportDocument.pageLabel takes the page's number and the number of pages. */
export const PAGE_NUMBER = '{page}';
export const PAGE_COUNT = '{pages}';

export type Tone = 'normal' | 'muted' | 'notice' | 'warning';

export interface HeadingBlock {
  kind: 'heading';
  level: 1 | 2 | 3;
  text: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  tone?: Tone;
  bold?: boolean;
}

export interface ListBlock {
  kind: 'list';
  items: string[];
}

/** Label–value pairs (case facts, plan facts). */
export interface FactsBlock {
  kind: 'facts';
  rows: { label: string; value: string }[];
}

export interface TableBlock {
  kind: 'table';
  head: string[];
  rows: string[][];
  /** Per column; numbers are right-aligned. Default: left. */
  align?: ('left' | 'right')[];
  /** Relative column widths; default: the renderer decides from the content. */
  widths?: number[];
  /** Rows printed in bold (e.g. the primary scale). */
  emphasis?: boolean[];
}

/** A value axis with its ticks, already labelled in the report's locale. */
export interface ChartAxis {
  min: number;
  max: number;
  ticks: { value: number; label: string }[];
  /** What the axis measures, e.g. "score 0–6" or "%". */
  title?: string;
}

export interface ChartSeries {
  label: string;
  /** Colour and fill pattern as the screen draws this series (src/charts/palette.ts); default: by position. */
  style?: Pick<SeriesStyle, 'color' | 'pattern'>;
  values: (number | null)[];
  /** The values as printed next to bars, in the report's locale ("5,00"); null: no value. */
  labels?: (string | null)[];
}

/**
 * Grouped vertical bars: one group per category, one bar per series. A marked category (the primary
 * function) has its label in bold with a mark; a flagged one (informants disagree) gets a warning sign.
 */
export interface BarChartBlock {
  kind: 'bar-chart';
  title: string;
  axis: ChartAxis;
  categories: { label: string; marked?: boolean; flagged?: boolean; /** A group heading printed above the first category of each group. */ group?: string }[];
  series: ChartSeries[];
  threshold?: { value: number; label: string };
  /** Explains the marks drawn (e.g. "■ primary", "! differ by ≥ 1,5"), printed under the chart. */
  legendNotes?: string[];
}

/** Lines over points in time (x labels are dates); a break marks e.g. a change of instrument version. */
export interface LineChartBlock {
  kind: 'line-chart';
  title: string;
  axis: ChartAxis;
  points: string[];
  series: ChartSeries[];
  /** A vertical dashed line just before point `before`, labelled. */
  breaks: { before: number; label: string }[];
  threshold?: { value: number; label: string };
  legendNotes?: string[];
}

/** What follows starts on a new page (the one-page summary ends with one). */
export interface PageBreakBlock {
  kind: 'page-break';
}

export type Block = HeadingBlock | ParagraphBlock | ListBlock | FactsBlock | TableBlock | BarChartBlock | LineChartBlock | PageBreakBlock;

export interface ReportDocument {
  language: string;
  /** The document title (first page) and the running header on every page. */
  title: string;
  header: string;
  /** Left part of the footer on every page: date made and case code. */
  footer: string;
  /**
   * "Page X of Y" in the report's language, with `{page}` and `{pages}` where the numbers go: the
   * document is plain data, so that it can be drawn in a worker (structured clone copies no function).
   */
  pageLabel: string;
  /** PDF metadata. */
  subject: string;
  blocks: Block[];
}
