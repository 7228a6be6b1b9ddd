/**
 * The PDF renderer: lays a ReportDocument out on A4 pages with jsPDF. It decides nothing about
 * content (the model did); it knows margins, fonts, page breaks, the running header and footer,
 * and how to draw charts as vectors (rect, line, text), so they stay sharp when printed.
 *
 * This module imports jsPDF statically; it is itself loaded only when a report is made
 * (src/jobs/case-report.ts imports it dynamically), so neither enters the first-visit bundle.
 */
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import {
  PAGE_COUNT,
  PAGE_NUMBER,
  type BarChartBlock,
  type Block,
  type ChartAxis,
  type ChartSeries,
  type FactsBlock,
  type LineChartBlock,
  type ListBlock,
  type ParagraphBlock,
  type ReportDocument,
  type TableBlock,
} from './document';
import type { SeriesStyle } from '../charts/palette';

/** The embedded Unicode font (DejaVu Sans, subset: src/report/fonts): the TTF files' bytes. */
export interface ReportFonts {
  regular: ArrayBuffer | Uint8Array;
  bold: ArrayBuffer | Uint8Array;
}

export const FONT = 'DejaVuSans';

// A4 in millimetres. The top margin leaves room for the running header, the bottom one for the footer.
const PAGE = { width: 210, height: 297 };
const MARGIN = { left: 18, right: 18, top: 22, bottom: 20 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const PT = 0.3528; // mm per point
const BODY = 10;
const HEADING_SIZE = { 1: 17, 2: 13, 3: 11 } as const;
const LINE = 1.32; // line height as a multiple of the font size

// Okabe–Ito: told apart with every common colour-vision deficiency, and in greyscale print by order.
export const PALETTE: [number, number, number][] = [
  [0, 114, 178],
  [230, 159, 0],
  [0, 158, 115],
  [204, 121, 167],
  [86, 180, 233],
  [213, 94, 0],
  [240, 228, 66],
];
const INK: [number, number, number] = [26, 32, 36];
const MUTED: [number, number, number] = [88, 96, 102];
const RULE: [number, number, number] = [190, 196, 200];
const WARNING_FILL: [number, number, number] = [255, 243, 205];
const NOTICE_FILL: [number, number, number] = [231, 241, 244];

/**
 * The font file as a binary string (one character per byte), which jsPDF's TrueType support takes
 * as it is when it starts with the TrueType signature. Base64 (btoa here, atob again in jsPDF)
 * cost 45–120 ms per font file (docs/performance.md, PDF).
 */
function binaryString(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const chunks: string[] = [];
  // In chunks: String.fromCharCode with a whole font as arguments overflows the call stack.
  for (let i = 0; i < view.length; i += 0x2000) chunks.push(String.fromCharCode.apply(null, view.subarray(i, i + 0x2000) as unknown as number[]));
  return chunks.join('');
}

/** Text as the font expects it: composed (NFC), so "a" + combining ring prints as one "å". */
const clean = (text: string) => text.normalize('NFC');

const lineHeight = (size: number) => size * PT * LINE;

class Layout {
  y = MARGIN.top;

  constructor(readonly pdf: jsPDF) {}

  newPage() {
    this.pdf.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` fits below the cursor. */
  ensure(height: number) {
    if (this.y + height > BOTTOM && this.y > MARGIN.top) this.newPage();
  }

  font(size: number, bold = false, color: [number, number, number] = INK) {
    this.pdf.setFont(FONT, bold ? 'bold' : 'normal');
    this.pdf.setFontSize(size);
    this.pdf.setTextColor(...color);
  }

  lines(text: string, width: number): string[] {
    return this.pdf.splitTextToSize(clean(text), width) as string[];
  }
}

export interface DrawnPdf {
  bytes: Uint8Array<ArrayBuffer>;
  pages: number;
}

export interface RenderOptions {
  /** Called after each block with the share drawn so far (0–1). */
  onProgress?: (share: number) => void;
  /** Lets the page breathe between slices; default a macrotask (setTimeout 0). */
  pause?: () => Promise<void>;
  /** How long a slice may draw before it pauses, ms: the page stays responsive while a long report is drawn. */
  sliceMs?: number;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Draws the document in slices: after a slice has drawn for `sliceMs` it pauses, so the page can
 * paint the progress and answer clicks (issue 14: no main-thread task over 100 ms).
 */
export async function renderPdf(document: ReportDocument, fonts: ReportFonts, { onProgress, pause = nextTask, sliceMs = 40 }: RenderOptions = {}): Promise<DrawnPdf> {
  const pdf = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  pdf.addFileToVFS(`${FONT}.ttf`, binaryString(fonts.regular));
  pdf.addFont(`${FONT}.ttf`, FONT, 'normal', undefined, 'Identity-H');
  pdf.addFileToVFS(`${FONT}-Bold.ttf`, binaryString(fonts.bold));
  pdf.addFont(`${FONT}-Bold.ttf`, FONT, 'bold', undefined, 'Identity-H');
  pdf.setProperties({ title: clean(document.title), subject: clean(document.subject), creator: 'Polku' });
  pdf.setLanguage(({ fi: 'fi', sv: 'sv', en: 'en-GB' } as Record<string, 'fi' | 'sv' | 'en-GB'>)[document.language] ?? 'en-GB');
  pdf.setLineHeightFactor(LINE);

  const layout = new Layout(pdf);
  layout.font(HEADING_SIZE[1], true);
  for (const line of layout.lines(document.title, CONTENT_WIDTH)) {
    layout.y += lineHeight(HEADING_SIZE[1]);
    pdf.text(line, MARGIN.left, layout.y);
  }
  layout.y += 4;

  let sliceStart = performance.now();
  for (const [i, block] of document.blocks.entries()) {
    drawBlock(layout, block, () => minimumHeight(layout, document.blocks, i + 1));
    onProgress?.((i + 1) / document.blocks.length);
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
  drawFurniture(pdf, document);
  return { bytes: new Uint8Array(pdf.output('arraybuffer')), pages: pdf.getNumberOfPages() };
}

/** Header, footer and page numbers, drawn last so "page X of Y" knows Y. */
function drawFurniture(pdf: jsPDF, document: ReportDocument) {
  const pages = pdf.getNumberOfPages();
  for (let page = 1; page <= pages; page += 1) {
    pdf.setPage(page);
    pdf.setDrawColor(...RULE);
    pdf.setLineWidth(0.2);
    pdf.setFont(FONT, 'normal');
    pdf.setFontSize(8.5);
    pdf.setTextColor(...MUTED);
    pdf.text(clean(document.header), MARGIN.left, 12);
    pdf.line(MARGIN.left, 14, PAGE.width - MARGIN.right, 14);
    pdf.line(MARGIN.left, PAGE.height - 13, PAGE.width - MARGIN.right, PAGE.height - 13);
    pdf.text(clean(document.footer), MARGIN.left, PAGE.height - 9);
    const label = document.pageLabel.replace(PAGE_NUMBER, String(page)).replace(PAGE_COUNT, String(pages));
    pdf.text(clean(label), PAGE.width - MARGIN.right, PAGE.height - 9, { align: 'right' });
  }
}

/**
 * The least height the block at `index` needs to start on a page. A heading keeps the start of
 * what follows it (another heading and its content, in a chain) on the same page.
 */
function minimumHeight(layout: Layout, blocks: readonly Block[], index: number): number {
  const block = blocks[index];
  if (!block) return 0;
  switch (block.kind) {
    case 'heading':
      return lineHeight(HEADING_SIZE[block.level]) * 2 + 6 + minimumHeight(layout, blocks, index + 1);
    case 'paragraph':
    case 'list':
      return lineHeight(BODY) * 2 + 2;
    case 'facts':
      return lineHeight(BODY) * Math.min(block.rows.length, 2) + 2;
    case 'table':
      return 22;
    case 'bar-chart':
      return barChartHeight(layout, block);
    case 'line-chart':
      return lineChartHeight(layout, block);
    case 'page-break':
      return 0;
  }
}

function drawBlock(layout: Layout, block: Block, following: () => number) {
  switch (block.kind) {
    case 'heading':
      return drawHeading(layout, block.level, block.text, following);
    case 'paragraph':
      return drawParagraph(layout, block);
    case 'list':
      return drawList(layout, block);
    case 'facts':
      return drawFacts(layout, block);
    case 'table':
      return drawTable(layout, block);
    case 'bar-chart':
      return drawBarChart(layout, block);
    case 'line-chart':
      return drawLineChart(layout, block);
    case 'page-break':
      if (layout.y > MARGIN.top) layout.newPage();
      return;
  }
}

function drawHeading(layout: Layout, level: 1 | 2 | 3, text: string, following: () => number) {
  const size = HEADING_SIZE[level];
  layout.font(size, true);
  const lines = layout.lines(text, CONTENT_WIDTH);
  const before = level === 1 ? 6 : level === 2 ? 5 : 3;
  const height = before + lines.length * lineHeight(size) + 1.5;
  // Never orphaned: the heading moves to the next page unless the start of what follows fits too.
  // (Capped: a chart taller than most of a page may still start below its heading on a new page.)
  layout.ensure(height + Math.min(following(), 120));
  layout.y += layout.y > MARGIN.top ? before : 0;
  layout.font(size, true);
  for (const line of lines) {
    layout.y += lineHeight(size);
    layout.pdf.text(line, MARGIN.left, layout.y);
  }
  if (level === 1) {
    layout.pdf.setDrawColor(...RULE);
    layout.pdf.setLineWidth(0.3);
    layout.pdf.line(MARGIN.left, layout.y + 1.5, PAGE.width - MARGIN.right, layout.y + 1.5);
    layout.y += 1.5;
  }
  layout.y += 1.5;
}

/** Lines of text that break across pages line by line. */
function flowLines(layout: Layout, lines: string[], x: number, size: number) {
  for (const line of lines) {
    layout.ensure(lineHeight(size) + 0.5);
    layout.y += lineHeight(size);
    layout.pdf.text(line, x, layout.y);
  }
}

function drawParagraph(layout: Layout, block: ParagraphBlock) {
  const tone = block.tone ?? 'normal';
  const boxed = tone === 'notice' || tone === 'warning';
  const pad = boxed ? 2.5 : 0;
  layout.font(BODY, block.bold || tone === 'warning', tone === 'muted' ? MUTED : INK);
  const lines = layout.lines(block.text, CONTENT_WIDTH - 2 * pad);
  const height = lines.length * lineHeight(BODY) + 2 * pad;
  layout.y += 1.5;
  if (boxed && height < BOTTOM - MARGIN.top) {
    // A boxed notice is kept whole on one page so its frame is never cut.
    layout.ensure(height + 1);
    layout.pdf.setFillColor(...(tone === 'warning' ? WARNING_FILL : NOTICE_FILL));
    layout.pdf.setDrawColor(...RULE);
    layout.pdf.setLineWidth(0.2);
    layout.pdf.rect(MARGIN.left, layout.y, CONTENT_WIDTH, height, 'FD');
    layout.font(BODY, block.bold || tone === 'warning', INK);
    layout.y += pad - 1;
    flowLines(layout, lines, MARGIN.left + pad, BODY);
    layout.y += pad + 1;
  } else {
    flowLines(layout, lines, MARGIN.left, BODY);
  }
  layout.y += 1.5;
}

function drawList(layout: Layout, block: ListBlock) {
  layout.y += 1;
  for (const item of block.items) {
    layout.font(BODY);
    const lines = layout.lines(item, CONTENT_WIDTH - 6);
    layout.ensure(lineHeight(BODY) + 0.5);
    layout.pdf.text('•', MARGIN.left + 1.5, layout.y + lineHeight(BODY));
    flowLines(layout, lines, MARGIN.left + 6, BODY);
    layout.y += 0.8;
  }
  layout.y += 1;
}

function drawFacts(layout: Layout, block: FactsBlock) {
  layout.font(BODY, true);
  const labelWidth = Math.min(60, Math.max(...block.rows.map((r) => layout.pdf.getTextWidth(clean(r.label)))) + 4);
  layout.y += 1;
  for (const row of block.rows) {
    layout.font(BODY);
    const lines = layout.lines(row.value, CONTENT_WIDTH - labelWidth);
    layout.font(BODY, true);
    const labelLines = layout.lines(row.label, labelWidth - 3);
    layout.ensure(lineHeight(BODY) * Math.min(Math.max(lines.length, labelLines.length), 3));
    const top = layout.y;
    flowLines(layout, labelLines, MARGIN.left, BODY);
    const afterLabel = layout.y;
    layout.y = top;
    layout.font(BODY);
    flowLines(layout, lines, MARGIN.left + labelWidth, BODY);
    layout.y = Math.max(layout.y, afterLabel) + 0.8;
  }
  layout.y += 1;
}

function drawTable(layout: Layout, block: TableBlock) {
  layout.ensure(22);
  const total = block.widths?.reduce((a, b) => a + b, 0) ?? 0;
  const columnStyles = Object.fromEntries(
    block.head.map((_, i) => [
      i,
      {
        halign: block.align?.[i] ?? 'left',
        ...(block.widths && total > 0 ? { cellWidth: (CONTENT_WIDTH * block.widths[i]!) / total } : {}),
      },
    ]),
  );
  autoTable(layout.pdf, {
    startY: layout.y + 2,
    margin: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    head: [block.head.map(clean)],
    body: block.rows.map((row) => row.map(clean)),
    theme: 'grid',
    // Repeated on every page the table runs onto; a row is never cut in two.
    showHead: 'everyPage',
    rowPageBreak: 'avoid',
    styles: { font: FONT, fontStyle: 'normal', fontSize: 8.5, cellPadding: 1.4, textColor: INK, lineColor: RULE, lineWidth: 0.15, overflow: 'linebreak', valign: 'top' },
    headStyles: { font: FONT, fontStyle: 'bold', fillColor: [223, 234, 237], textColor: INK },
    columnStyles,
    didParseCell: (data) => {
      if (data.section === 'body' && block.emphasis?.[data.row.index]) data.cell.styles.fontStyle = 'bold';
      if (data.section === 'head') data.cell.styles.halign = block.align?.[data.column.index] ?? 'left';
    },
  });
  const finalY = (layout.pdf as unknown as { lastAutoTable?: { finalY: number } }).lastAutoTable?.finalY;
  layout.y = (finalY ?? layout.y) + 3;
}

// ---------------------------------------------------------------------------------------------
// Charts

const CHART_FONT = 8;
const BAR = 3.6; // bar thickness, mm
const BAR_GAP = 0.6;
const GROUP_GAP = 3;

function seriesColor(index: number): [number, number, number] {
  return PALETTE[index % PALETTE.length]!;
}

type Rgb = [number, number, number];
const rgbOf = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

/** A series' colour: its own style (as on screen) or the palette's by position. */
function colorOf(series: ChartSeries, index: number): Rgb {
  return series.style ? rgbOf(series.style.color) : seriesColor(index);
}

const PATTERN_STEP = 1.2; // mm between pattern lines

/**
 * A bar or swatch filled as the screen fills it: solid, or a light tint of the colour with the
 * series' pattern drawn over it in the colour, so series differ in greyscale print too.
 */
function fillBar(pdf: jsPDF, x: number, y: number, w: number, h: number, color: Rgb, pattern: SeriesStyle['pattern'] = 'solid') {
  if (pattern === 'solid') {
    pdf.setFillColor(...color);
    pdf.rect(x, y, w, h, 'F');
    return;
  }
  const tint = color.map((c) => Math.round(c + (255 - c) * 0.75)) as Rgb;
  pdf.setFillColor(...tint);
  pdf.rect(x, y, w, h, 'F');
  pdf.setDrawColor(...color);
  pdf.setFillColor(...color);
  pdf.setLineWidth(0.25);
  // Lines at 45° clipped to the rectangle: the point (x + d + t, y + h − t), or (x + d + t, y + t) rising the other way.
  const diagonal = (down: boolean) => {
    for (let d = -h; d < w; d += PATTERN_STEP) {
      const t0 = Math.max(0, -d);
      const t1 = Math.min(h, w - d);
      if (t0 >= t1) continue;
      if (down) pdf.line(x + d + t0, y + t0, x + d + t1, y + t1);
      else pdf.line(x + d + t0, y + h - t0, x + d + t1, y + h - t1);
    }
  };
  if (pattern === 'horizontal') for (let yy = y + PATTERN_STEP / 2; yy < y + h; yy += PATTERN_STEP) pdf.line(x, yy, x + w, yy);
  if (pattern === 'vertical') for (let xx = x + PATTERN_STEP / 2; xx < x + w; xx += PATTERN_STEP) pdf.line(xx, y, xx, y + h);
  if (pattern === 'diagonal' || pattern === 'crosshatch') diagonal(false);
  if (pattern === 'crosshatch') diagonal(true);
  if (pattern === 'dots') {
    for (let yy = y + PATTERN_STEP / 2; yy < y + h; yy += PATTERN_STEP) for (let xx = x + PATTERN_STEP / 2; xx < x + w; xx += PATTERN_STEP) pdf.circle(xx, yy, 0.22, 'F');
  }
  pdf.rect(x, y, w, h, 'S');
}

/** Swatches with series labels, wrapped over lines; returns the height used. */
function drawLegend(layout: Layout, series: ChartSeries[], top: number, line: boolean, measureOnly = false): number {
  if (series.length < 2) return 0;
  layout.font(CHART_FONT);
  let x = MARGIN.left;
  let y = top + lineHeight(CHART_FONT);
  series.forEach((s, i) => {
    const width = 7 + layout.pdf.getTextWidth(clean(s.label)) + 5;
    if (x + width > PAGE.width - MARGIN.right && x > MARGIN.left) {
      x = MARGIN.left;
      y += lineHeight(CHART_FONT) + 1;
    }
    if (!measureOnly) {
      const [r, g, b] = colorOf(s, i);
      if (line) {
        layout.pdf.setDrawColor(r, g, b);
        layout.pdf.setLineWidth(0.7);
        layout.pdf.line(x, y - 1.1, x + 5, y - 1.1);
        layout.pdf.setFillColor(r, g, b);
        marker(layout.pdf, i, x + 2.5, y - 1.1);
      } else {
        fillBar(layout.pdf, x, y - 2.6, 5, 2.8, [r, g, b], s.style?.pattern);
      }
      layout.pdf.text(clean(s.label), x + 7, y);
    }
    x += width;
  });
  return y - top + 2;
}

/** A different point shape per series (circle, square, triangle, diamond), so lines differ without colour. */
function marker(pdf: jsPDF, index: number, x: number, y: number) {
  const r = 1.1;
  switch (index % 4) {
    case 0:
      pdf.circle(x, y, r, 'F');
      break;
    case 1:
      pdf.rect(x - r, y - r, 2 * r, 2 * r, 'F');
      break;
    case 2:
      pdf.triangle(x, y - r * 1.2, x - r * 1.2, y + r, x + r * 1.2, y + r, 'F');
      break;
    default:
      pdf.lines(
        [
          [r * 1.3, r * 1.3],
          [-r * 1.3, r * 1.3],
          [-r * 1.3, -r * 1.3],
        ],
        x,
        y - r * 1.3,
        [1, 1],
        'F',
        true,
      );
  }
}

function legendNotesHeight(layout: Layout, notes: string[] | undefined): number {
  if (!notes?.length) return 0;
  layout.font(CHART_FONT);
  return notes.reduce((h, note) => h + layout.lines(note, CONTENT_WIDTH).length * lineHeight(CHART_FONT), 0) + 1;
}

function drawLegendNotes(layout: Layout, notes: string[] | undefined) {
  if (!notes?.length) return;
  layout.font(CHART_FONT, false, MUTED);
  for (const note of notes) flowLines(layout, layout.lines(note, CONTENT_WIDTH), MARGIN.left, CHART_FONT);
  layout.y += 1;
}

function titleHeight(layout: Layout, title: string): number {
  layout.font(BODY, true);
  return layout.lines(title, CONTENT_WIDTH).length * lineHeight(BODY) + 2;
}

function drawTitle(layout: Layout, title: string) {
  layout.font(BODY, true);
  for (const line of layout.lines(title, CONTENT_WIDTH)) {
    layout.y += lineHeight(BODY);
    layout.pdf.text(line, MARGIN.left, layout.y);
  }
  layout.y += 2;
}

const LABEL_COLUMN = 52;
const AXIS_FOOT = 9;

function barLabelLines(layout: Layout, block: BarChartBlock): string[][] {
  return block.categories.map((c) => {
    layout.font(CHART_FONT, c.marked);
    return layout.lines(c.label, LABEL_COLUMN - 3);
  });
}

function groupHeight(series: number, labelLines: number) {
  return Math.max(series * (BAR + BAR_GAP) - BAR_GAP, labelLines * lineHeight(CHART_FONT)) + GROUP_GAP;
}

/** Categories that start a new group get a group heading row above them. */
function startsGroup(block: BarChartBlock, index: number): boolean {
  const group = block.categories[index]?.group;
  return group !== undefined && group !== block.categories[index - 1]?.group;
}

const GROUP_ROW = 4.2;

function plotHeightOf(_layout: Layout, block: BarChartBlock, labels: string[][]): number {
  return labels.reduce((h, lines, i) => h + groupHeight(block.series.length, lines.length) + (startsGroup(block, i) ? GROUP_ROW : 0), GROUP_GAP);
}

function barChartHeight(layout: Layout, block: BarChartBlock): number {
  const labels = barLabelLines(layout, block);
  const plot = plotHeightOf(layout, block, labels);
  return titleHeight(layout, block.title) + drawLegend(layout, block.series, 0, false, true) + plot + AXIS_FOOT + legendNotesHeight(layout, block.legendNotes) + 3;
}

/** Horizontal grouped bars: long category names (13 quality scales) fit on the left, in full. */
function drawBarChart(layout: Layout, block: BarChartBlock) {
  const height = barChartHeight(layout, block);
  layout.ensure(height);
  const { pdf } = layout;
  layout.y += 2;
  drawTitle(layout, block.title);
  layout.y += drawLegend(layout, block.series, layout.y, false);
  const labels = barLabelLines(layout, block);
  const plotLeft = MARGIN.left + LABEL_COLUMN;
  const plotWidth = CONTENT_WIDTH - LABEL_COLUMN - 12;
  const x = (value: number) => plotLeft + ((value - block.axis.min) / (block.axis.max - block.axis.min)) * plotWidth;
  const top = layout.y;
  const plotHeight = plotHeightOf(layout, block, labels);
  drawValueGrid(
    layout,
    block.axis,
    (v) => [x(v), top, x(v), top + plotHeight],
    (v, label) => pdf.text(label, x(v), top + plotHeight + 3.5, { align: 'center' }),
  );
  if (block.axis.title) {
    layout.font(CHART_FONT, false, MUTED);
    pdf.text(clean(block.axis.title), plotLeft + plotWidth / 2, top + plotHeight + 7.5, { align: 'center' });
  }

  let y = top + GROUP_GAP;
  block.categories.forEach((category, c) => {
    const lines = labels[c]!;
    if (startsGroup(block, c)) {
      layout.font(CHART_FONT, true, MUTED);
      pdf.text(clean(category.group!), MARGIN.left, y + GROUP_ROW - 1.2);
      y += GROUP_ROW;
    }
    const group = groupHeight(block.series.length, lines.length) - GROUP_GAP;
    layout.font(CHART_FONT, category.marked);
    lines.forEach((line, k) => pdf.text(line, MARGIN.left, y + (k + 1) * lineHeight(CHART_FONT) - 0.6));
    block.series.forEach((series, s) => {
      const value = series.values[c];
      const barTop = y + s * (BAR + BAR_GAP);
      if (value === null || value === undefined) {
        layout.font(CHART_FONT - 0.5, false, MUTED);
        pdf.text('—', plotLeft + 1, barTop + BAR - 0.8);
        return;
      }
      const width = Math.max(x(value) - plotLeft, 0.4);
      fillBar(pdf, plotLeft, barTop, width, BAR, colorOf(series, s), series.style?.pattern);
      if (category.marked) {
        // The primary function: a dark outline, visible in greyscale as well.
        pdf.setDrawColor(...INK);
        pdf.setLineWidth(0.45);
        pdf.rect(plotLeft, barTop, width, BAR, 'S');
      }
      const label = series.labels?.[c];
      if (label) {
        layout.font(CHART_FONT - 0.5, category.marked);
        pdf.text(clean(label), plotLeft + width + 1, barTop + BAR - 0.8);
      }
    });
    y += group + GROUP_GAP;
  });
  if (block.threshold) drawThresholdVertical(layout, x(block.threshold.value), top, plotHeight, block.threshold.label);
  pdf.setDrawColor(...INK);
  pdf.setLineWidth(0.3);
  pdf.line(plotLeft, top, plotLeft, top + plotHeight);
  layout.y = top + plotHeight + AXIS_FOOT;
  drawLegendNotes(layout, block.legendNotes);
  layout.y += 2;
}

function drawValueGrid(layout: Layout, axis: ChartAxis, gridLine: (value: number) => [number, number, number, number], tickLabel: (value: number, label: string) => void) {
  layout.pdf.setDrawColor(...RULE);
  layout.pdf.setLineWidth(0.15);
  for (const tick of axis.ticks) {
    layout.pdf.line(...gridLine(tick.value));
    layout.font(CHART_FONT - 0.5, false, MUTED);
    tickLabel(tick.value, clean(tick.label));
  }
}

function drawThresholdVertical(layout: Layout, x: number, top: number, height: number, label: string) {
  const { pdf } = layout;
  pdf.setDrawColor(213, 94, 0);
  pdf.setLineWidth(0.5);
  pdf.setLineDashPattern([1.5, 1], 0);
  pdf.line(x, top - 1, x, top + height);
  pdf.setLineDashPattern([], 0);
  layout.font(CHART_FONT - 0.5, true, [160, 60, 0]);
  pdf.text(clean(label), x + 1, top + 2.5);
}

const LINE_PLOT = 62;

function lineChartHeight(layout: Layout, block: LineChartBlock): number {
  return titleHeight(layout, block.title) + drawLegend(layout, block.series, 0, true, true) + 6 + LINE_PLOT + 14 + legendNotesHeight(layout, block.legendNotes) + 3;
}

/** Values over points in time: one line and point shape per series; breaks as dashed verticals. */
function drawLineChart(layout: Layout, block: LineChartBlock) {
  layout.ensure(lineChartHeight(layout, block));
  const { pdf } = layout;
  layout.y += 2;
  drawTitle(layout, block.title);
  layout.y += drawLegend(layout, block.series, layout.y, true);
  layout.y += 6; // room for break labels
  const plotLeft = MARGIN.left + 14;
  const plotWidth = CONTENT_WIDTH - 22;
  const top = layout.y;
  const n = block.points.length;
  const x = (i: number) => plotLeft + (n === 1 ? plotWidth / 2 : 4 + (i * (plotWidth - 8)) / (n - 1));
  const y = (value: number) => top + LINE_PLOT - ((value - block.axis.min) / (block.axis.max - block.axis.min)) * LINE_PLOT;
  drawValueGrid(
    layout,
    block.axis,
    (v) => [plotLeft, y(v), plotLeft + plotWidth, y(v)],
    (v, label) => pdf.text(label, plotLeft - 1.5, y(v) + 1, { align: 'right' }),
  );
  if (block.axis.title) {
    layout.font(CHART_FONT, false, MUTED);
    pdf.text(clean(block.axis.title), MARGIN.left, top - 2.5);
  }
  pdf.setDrawColor(...INK);
  pdf.setLineWidth(0.3);
  pdf.line(plotLeft, top, plotLeft, top + LINE_PLOT);
  pdf.line(plotLeft, top + LINE_PLOT, plotLeft + plotWidth, top + LINE_PLOT);

  // Date labels under the axis; with many points only every k-th is printed (the table has them all).
  const every = Math.max(1, Math.ceil(n / 10));
  layout.font(CHART_FONT - 0.5, false, MUTED);
  block.points.forEach((label, i) => {
    if (i % every === 0 || i === n - 1) pdf.text(clean(label), x(i), top + LINE_PLOT + 4, { align: 'center' });
  });

  for (const br of block.breaks) {
    const bx = br.before <= 0 ? x(0) - 2 : (x(br.before - 1) + x(br.before)) / 2;
    pdf.setDrawColor(...MUTED);
    pdf.setLineWidth(0.4);
    pdf.setLineDashPattern([1.2, 1], 0);
    pdf.line(bx, top - 1, bx, top + LINE_PLOT);
    pdf.setLineDashPattern([], 0);
    layout.font(CHART_FONT - 0.5, true, INK);
    pdf.text(clean(br.label), bx, top - 2, { align: bx > plotLeft + plotWidth * 0.6 ? 'right' : 'left' });
  }
  if (block.threshold) {
    const ty = y(block.threshold.value);
    pdf.setDrawColor(213, 94, 0);
    pdf.setLineWidth(0.5);
    pdf.setLineDashPattern([1.5, 1], 0);
    pdf.line(plotLeft, ty, plotLeft + plotWidth, ty);
    pdf.setLineDashPattern([], 0);
    // Labelled on the left, above the line: lines of rising attendance end high on the right.
    layout.font(CHART_FONT - 0.5, true, [160, 60, 0]);
    pdf.text(clean(block.threshold.label), plotLeft + 1.5, ty - 1.2);
  }

  block.series.forEach((series, s) => {
    const [r, g, b] = seriesColor(s);
    pdf.setDrawColor(r, g, b);
    pdf.setFillColor(r, g, b);
    pdf.setLineWidth(0.6);
    let previous: [number, number] | null = null;
    series.values.forEach((value, i) => {
      if (value === null || value === undefined) {
        previous = null; // a gap: no line across a point without a value
        return;
      }
      const point: [number, number] = [x(i), y(value)];
      if (previous) pdf.line(previous[0], previous[1], point[0], point[1]);
      previous = point;
    });
    series.values.forEach((value, i) => {
      if (value !== null && value !== undefined) marker(pdf, s, x(i), y(value));
    });
  });
  layout.y = top + LINE_PLOT + 8;
  drawLegendNotes(layout, block.legendNotes);
  layout.y += 2;
}
