import express, { type Request, type Response } from 'express';
import { ASSET_ROOT, loadGraphiqlAssets, type Asset } from './graphiql-assets';
import { pageHtml } from './graphiql-page';

/**
 * The page's own policy: scripts and connections to this server only, nothing framed, no
 * plugins, no forms or <base> to redirect. Styles allow 'unsafe-inline' because GraphiQL's
 * dialogs (settings, shortcuts) add a <style> element to lock scrolling; a style cannot run
 * code. API answers are untouched: this header is on the page and its files alone.
 */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // GraphiQL's stylesheet carries its fonts and icons as data: URLs
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const A_YEAR = 'public, max-age=31536000, immutable';

/**
 * GraphiQL for a browser that GETs the GraphQL endpoint (it asks for text/html first; every
 * other GET goes on to Apollo), and its files under /graphiql/<content hash>/. Nothing is
 * fetched from the internet, so the explorer works offline. Mounted only when the explorer is
 * enabled (config.graphql.introspection): otherwise neither the page nor its files exist.
 */
export function graphiqlExplorer(endpoint: string): express.Router {
  const assets = loadGraphiqlAssets();
  const page = Buffer.from(pageHtml(assets), 'utf8');
  const router = express.Router();

  router.get(endpoint, (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html') return next();
    res
      .status(200)
      .set('content-type', 'text/html; charset=utf-8')
      .set('cache-control', 'no-store')
      // the same URL answers JSON to a client and this page to a browser
      .set('vary', 'Accept')
      .set('content-security-policy', PAGE_POLICY)
      .set('x-content-type-options', 'nosniff')
      .set('referrer-policy', 'no-referrer')
      .send(page);
  });

  router.get(`${ASSET_ROOT}/:hash/:name`, (req, res, next) => {
    const asset = assets.byUrl.get(req.path);
    if (!asset) return next();
    sendAsset(req, res, asset);
  });
  return router;
}

/** A file whose URL changes with its content: cached for a year, gzipped when the browser takes it. */
function sendAsset(req: Request, res: Response, asset: Asset): void {
  const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
  res
    .status(200)
    .set('content-type', asset.contentType)
    .set('cache-control', A_YEAR)
    .set('vary', 'Accept-Encoding')
    .set('x-content-type-options', 'nosniff')
    .set('content-security-policy', PAGE_POLICY);
  if (gzip) res.set('content-encoding', 'gzip');
  res.send(gzip ? asset.gzipped() : asset.body);
}
