import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PAGE_SCRIPT, PAGE_STYLE } from './graphiql-page';

/** Where the explorer's files are served from: /graphiql/<content hash>/<name>. */
export const ASSET_ROOT = '/graphiql';

export interface Asset {
  /** the URL the page names it by; it changes whenever the content does, so it may be cached for a year */
  readonly url: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** the body gzipped, worked out on the first request that accepts it (1 MB of GraphiQL is 0.3 MB gzipped) */
  gzipped(): Buffer;
}

export interface GraphiqlAssets {
  readonly react: Asset;
  readonly reactDom: Asset;
  readonly graphiqlScript: Asset;
  readonly graphiqlStyle: Asset;
  readonly pageScript: Asset;
  readonly pageStyle: Asset;
  /** by URL, for the asset route */
  readonly byUrl: ReadonlyMap<string, Asset>;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * Reads the explorer's files once, at start-up, from the installed packages (the versions
 * package.json pins): React's and ReactDOM's UMD builds, which define the globals GraphiQL's
 * UMD build looks for, GraphiQL's build and stylesheet, and the page's own script and style.
 * GraphiQL does not export its UMD files, so they are found beside its package.json.
 */
export function loadGraphiqlAssets(): GraphiqlAssets {
  const graphiql = dirname(require.resolve('graphiql/package.json'));
  const react = dirname(require.resolve('react/package.json'));
  const reactDom = dirname(require.resolve('react-dom/package.json'));
  const assets = {
    react: asset('react.production.min.js', JS, readFileSync(join(react, 'umd/react.production.min.js'))),
    reactDom: asset('react-dom.production.min.js', JS, readFileSync(join(reactDom, 'umd/react-dom.production.min.js'))),
    graphiqlScript: asset('graphiql.min.js', JS, withoutSourceMap(readFileSync(join(graphiql, 'graphiql.min.js')))),
    graphiqlStyle: asset('graphiql.min.css', CSS, readFileSync(join(graphiql, 'graphiql.min.css'))),
    pageScript: asset('page.js', JS, Buffer.from(PAGE_SCRIPT, 'utf8')),
    pageStyle: asset('page.css', CSS, Buffer.from(PAGE_STYLE, 'utf8')),
  };
  return { ...assets, byUrl: new Map(Object.values(assets).map((a) => [a.url, a])) };
}

function asset(name: string, contentType: string, body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  let gzipped: Buffer | undefined;
  return {
    url: `${ASSET_ROOT}/${hash}/${name}`,
    contentType,
    body,
    gzipped: () => (gzipped ??= gzipSync(body)),
  };
}

/**
 * The source map the build names is not served (4.7 MB, for debugging GraphiQL itself):
 * without its comment an open DevTools does not ask for it and report a 404.
 */
function withoutSourceMap(script: Buffer): Buffer {
  const text = script.toString('utf8');
  return Buffer.from(text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), 'utf8');
}
