/**
 * Every character that can appear in a report is in the embedded font: every text of every locale
 * file and every shipped instrument, and letters of names and typography users type. Proven on the
 * font's own character map, and by a PDF that reads back identical.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FONT_FILES, loadNodeFonts } from './node-fonts';
import { renderPdf } from './pdf';
import { pdfText } from './test-helpers';

/** The code points a TrueType font maps (cmap formats 4 and 12, Unicode subtables). */
function cmapCodePoints(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tables; i += 1) {
    const record = 12 + 16 * i;
    if (String.fromCharCode(...font.subarray(record, record + 4)) === 'cmap') cmap = view.getUint32(record + 8);
  }
  if (cmap < 0) throw new Error('no cmap table');
  const points = new Set<number>();
  const subtables = view.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i += 1) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const offset = cmap + view.getUint32(cmap + 4 + 8 * i + 4);
    if (platform !== 0 && platform !== 3) continue;
    const format = view.getUint16(offset);
    if (format === 4) {
      const segments = view.getUint16(offset + 6) / 2;
      const ends = offset + 14;
      const starts = ends + 2 * segments + 2;
      const deltas = starts + 2 * segments;
      const rangeOffsets = deltas + 2 * segments;
      for (let s = 0; s < segments; s += 1) {
        const end = view.getUint16(ends + 2 * s);
        const start = view.getUint16(starts + 2 * s);
        const delta = view.getInt16(deltas + 2 * s);
        const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c += 1) {
          const glyph = rangeOffset === 0 ? (c + delta) & 0xffff : view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
          if (glyph !== 0) points.add(c);
        }
      }
    } else if (format === 12) {
      const groups = view.getUint32(offset + 12);
      for (let g = 0; g < groups; g += 1) {
        const start = view.getUint32(offset + 16 + 12 * g);
        const end = view.getUint32(offset + 20 + 12 * g);
        for (let c = start; c <= end; c += 1) points.add(c);
      }
    }
  }
  return points;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

const root = join(import.meta.dirname, '..', '..');
const jsonFiles = (dir: string) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json') && !f.endsWith('schema.json'))
    .map((f) => join(root, dir, f));

/** Letters of names in Finland, Sweden and their neighbours, and typography users type or paste. */
const EXTRA =
  'ÅÄÖåäöÆØæøÜüÉéÈèÊêËëÍíÓóÔôÕõÚúÑñÇçŠšŽžČčĆćĐđŁłŃńŚśŹźŻżĘęĄąŐőŰűŘřĚěŮůŤťĎďĽľĹĺŇňÝýÞþÐðßŒœÿĞğİıŞşĀāĒēĪīŪūĶķĻļŅņĢģ' + '–—‐‑‘’‚“”„«»‹›…•·°½¼¾±×÷≤≥≠≈−‰€£§¶©®™№∞→←↑↓✓✔◆●■▲□';

describe('the report font', () => {
  const texts = [...jsonFiles('locales'), ...jsonFiles('instruments')].flatMap((file) => stringsOf(JSON.parse(readFileSync(file, 'utf8'))));
  // Characters the report can print: those of every text, and the extras (spaces and controls aside).
  const needed = [...new Set([...texts.join(''), ...EXTRA])].filter((c) => !/\s/.test(c)).sort();

  test.each([
    ['regular', FONT_FILES.regular],
    ['bold', FONT_FILES.bold],
  ])('%s maps every character of the locales, the instruments and the extra list', (_name, url) => {
    const mapped = cmapCodePoints(new Uint8Array(readFileSync(url)));
    expect(needed.length).toBeGreaterThan(150);
    expect(needed.filter((c) => !mapped.has(c.codePointAt(0)!))).toEqual([]);
  });

  test('a PDF with every one of those characters reads back identical', async () => {
    const fonts = await loadNodeFonts();
    const lines = [];
    for (let i = 0; i < needed.length; i += 40) lines.push(needed.slice(i, i + 40).join(' '));
    const { bytes } = await renderPdf(
      {
        language: 'fi',
        title: 'Merkistö – “tarkistus” ≤ ≥',
        header: 'Åsa Öberg · Zoë Łukasiewicz · Ødegård · Straße · Čapek',
        footer: 'Tehty 20.11.2026 · tapaus ÄÖ-½',
        pageLabel: 'Sivu {page}/{pages}',
        subject: 'characters',
        blocks: [
          ...lines.map((text) => ({ kind: 'paragraph' as const, text })),
          { kind: 'paragraph', text: lines.join(' '), bold: true },
          { kind: 'table', head: ['Ääkköset', 'Ø ß č'], rows: [['Välttäminen', '5,00 – ≥ 1,5']] },
        ],
      },
      fonts,
    );
    const read = pdfText(bytes, { layout: false }).replace(/\s+/g, '');
    for (const line of lines) expect(read).toContain(line.replace(/\s+/g, ''));
    expect(read).toContain('Merkistö–“tarkistus”≤≥');
    expect(read).toContain('ÅsaÖberg·ZoëŁukasiewicz·Ødegård·Straße·Čapek');
    expect(read).toContain('Tehty20.11.2026·tapausÄÖ-½');
    expect(read).toContain('Välttäminen5,00–≥1,5');
    // jsPDF embeds only the glyphs used: the PDF is far smaller than the two font files (330 KB).
    expect(bytes.length).toBeLessThan(120_000);
  });
});
