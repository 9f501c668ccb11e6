/**
 * The web chat page at `/`: a heading, the disclaimer, and the official Web Chat bundle,
 * served by CareLine itself (no CDN), talking to CareLine's own Direct Line API. The page
 * runs no inline script, and its Content-Security-Policy allows scripts only from here.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type Response } from 'express';
import type { i18n as I18n } from 'i18next';
import type { SupportedLocale } from '../../src/i18n/i18n.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { pickLocale } from './accept-language.js';
import { serveAsset } from './static-asset.js';

const PUBLIC_DIR = path.join(PROJECT_ROOT, 'channels', 'webchat', 'public');
const ONE_DAY_SECONDS = 24 * 60 * 60;
const FIVE_MINUTES_SECONDS = 5 * 60;
const JS = 'text/javascript; charset=utf-8';

/** The page's own files in `public/`. */
const PAGE_FILES = [
  { name: 'page.js', contentType: JS, maxAgeSeconds: FIVE_MINUTES_SECONDS },
  { name: 'page.css', contentType: 'text/css; charset=utf-8', maxAgeSeconds: FIVE_MINUTES_SECONDS },
  { name: 'favicon.svg', contentType: 'image/svg+xml', maxAgeSeconds: ONE_DAY_SECONDS },
];

export interface PageOptions {
  i18n: I18n;
  /** Language when the browser asks for none we speak; default English. */
  defaultLocale?: SupportedLocale;
}

/** Routes for `/` and the files under `/webchat/`. */
export function createWebchatPageRouter(options: PageOptions): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const locale = pickLocale(req.get('accept-language'), options.defaultLocale);
    const nonce = randomBytes(16).toString('base64');
    setPageHeaders(res, nonce);
    res.type('html').send(renderPage(options.i18n, locale, nonce));
  });
  router.get(
    '/webchat/webchat.js',
    serveAsset({ file: findWebchatBundle(), contentType: JS, maxAgeSeconds: ONE_DAY_SECONDS }),
  );
  for (const { name, contentType, maxAgeSeconds } of PAGE_FILES) {
    const file = path.join(PUBLIC_DIR, name);
    router.get(`/webchat/${name}`, serveAsset({ file, contentType, maxAgeSeconds }));
  }
  return router;
}

/**
 * Web Chat 4.18 does not pass its nonce to react-scroll-to-bottom, which creates an empty
 * `<style>` and fills it through the CSSOM (which CSP does not govern). Allowing the hash of
 * the empty string lets that element exist without allowing any inline CSS.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * The policy for the page: scripts only from CareLine itself; Web Chat's run-time styles
 * carry the page's nonce, so no injected inline style applies.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' ${EMPTY_STYLE_HASH}`,
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function setPageHeaders(res: Response, nonce: string): void {
  res.set({
    'Content-Security-Policy': contentSecurityPolicy(nonce),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    Vary: 'Accept-Language',
  });
}

function renderPage(i18n: I18n, locale: SupportedLocale, nonce: string): string {
  const t = i18n.getFixedT(locale, 'webchat');
  const text = (key: string) => escapeHtml(t(key));
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text('title')}</title>
<link rel="icon" href="/webchat/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/webchat/page.css">
<script src="/webchat/webchat.js" defer></script>
<script src="/webchat/page.js" nonce="${nonce}" defer></script>
</head>
<body>
<header class="page-header">
<h1>${text('heading')}</h1>
<p class="disclaimer" role="note">${text('disclaimer')}</p>
</header>
<noscript><p class="notice">${text('noscript')}</p></noscript>
<p id="connection-error" class="notice" role="alert" hidden>${text('connectionError')}</p>
<main id="webchat" aria-label="${text('chatLabel')}"></main>
</body>
</html>
`;
}

/** Where the installed Web Chat bundle is, without a CDN. */
export function findWebchatBundle(): string {
  // The package's exports map hides its package.json, so resolve the main entry and walk up.
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve('botframework-webchat'));
  while (!isWebchatPackageRoot(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('botframework-webchat is not installed: run npm install.');
    dir = parent;
  }
  return path.join(dir, 'dist', 'webchat.js');
}

function isWebchatPackageRoot(dir: string): boolean {
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  return (
    (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
    'botframework-webchat'
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
