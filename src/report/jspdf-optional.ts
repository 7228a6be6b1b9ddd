/**
 * jsPDF loads html2canvas, dompurify and canvg on demand for its html() and SVG functions, which
 * Polku never calls. vite.config.ts points those imports here, so about 380 KB of code that would
 * never run is neither built nor precached on every device.
 */
export default function notInPolku(): never {
  throw new Error('jsPDF html() and SVG rendering are not part of Polku');
}
