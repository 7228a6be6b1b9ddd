/**
 * The Content Security Policy of the built app, and the HTTP headers every host of Polku must send
 * (docs/security.md). A <meta> CSP cannot forbid framing — browsers ignore frame-ancestors there —
 * so another site could show Polku in a frame and trick a practitioner into clicking (clickjacking):
 * the response headers forbid it, and `src/main.tsx` renders nothing inside a frame as a fallback.
 * Sent by `vite preview` (vite.config.ts) and the end-to-end test server (tests/e2e/static-server.ts).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  // For browsers without frame-ancestors.
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
