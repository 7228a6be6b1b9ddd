import type { ReportDocument } from './document';
import { loadNodeFonts } from './node-fonts';
import { renderPdf } from './pdf';
import { pdfText } from './test-helpers';

const document = (paragraphs: number): ReportDocument => ({
  language: 'en',
  title: 'Slices',
  header: 'Polku · Slices',
  footer: 'Made today',
  pageLabel: 'Page {page} of {pages}',
  subject: 'slices',
  blocks: Array.from({ length: paragraphs }, (_, i) => ({ kind: 'paragraph' as const, text: `Paragraph ${i + 1}` })),
});

describe('renderPdf', () => {
  it('draws in slices that pause between them and reports the share drawn after each block', async () => {
    const shares: number[] = [];
    let pauses = 0;
    const made = await renderPdf(document(8), await loadNodeFonts(), {
      onProgress: (share) => shares.push(share),
      pause: async () => {
        pauses += 1;
      },
      // Every block is a slice of its own here, so every block is followed by a pause.
      sliceMs: 0,
    });
    expect(shares).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => n / 8));
    expect(pauses).toBe(8);
    expect(pdfText(made.bytes, { layout: false }).replace(/\s+/g, ' ')).toContain('Paragraph 1 Paragraph 2');
  });
});
