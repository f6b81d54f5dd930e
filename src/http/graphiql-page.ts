/**
 * The GraphQL explorer's page: GraphiQL under a bar holding the Bearer token. Everything it
 * loads comes from this server (see graphiql-assets.ts), and its own script is a file rather
 * than inline, so the page runs under a Content-Security-Policy with `script-src 'self'`.
 */

/** The storage key of the token: sessionStorage, so a credential dies with its tab. */
const TOKEN_KEY = 'hscn-supplier-api:bearer-token';

const STARTER_QUERY = `# Paste a token in the field above (npm run -s token prints one), then run this with Ctrl-Enter.
{
  me {
    subject
    roles
    organisation { name }
  }
  contracts(first: 5, after: null) {
    totalCount
    edges { node { reference title status } }
  }
}
`;

export interface PageAssets {
  readonly react: { url: string };
  readonly reactDom: { url: string };
  readonly graphiqlScript: { url: string };
  readonly graphiqlStyle: { url: string };
  readonly pageScript: { url: string };
  readonly pageStyle: { url: string };
}

export function pageHtml(assets: PageAssets): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>HSCN supplier API · GraphiQL</title>
<link rel="stylesheet" href="${assets.graphiqlStyle.url}">
<link rel="stylesheet" href="${assets.pageStyle.url}">
<script defer src="${assets.react.url}"></script>
<script defer src="${assets.reactDom.url}"></script>
<script defer src="${assets.graphiqlScript.url}"></script>
<script defer src="${assets.pageScript.url}"></script>
</head>
<body>
<header class="token-bar">
<label for="bearer-token">Bearer token</label>
<input id="bearer-token" type="password" autocomplete="off" spellcheck="false" placeholder="paste the output of: npm run -s token">
<button id="forget-token" type="button">Forget</button>
<p class="token-help">
<code>npm run -s token</code> prints a token for a contract manager at RX1;
<code>npm run token -- --help</code> shows how to choose another organisation or role.
The token is sent as <code>Authorization: Bearer …</code> with every request this page makes
and kept in this tab's sessionStorage until the tab closes; an <code>Authorization</code> header
set in GraphiQL's Headers tab takes its place.
</p>
</header>
<main id="graphiql"><p class="loading">Loading GraphiQL…</p></main>
<noscript>GraphiQL needs JavaScript.</noscript>
</body>
</html>
`;
}

/**
 * The page's script, served as a file. Plain ES2017 for any browser GraphiQL runs in; React,
 * ReactDOM and GraphiQL are the globals their UMD builds define.
 */
export const PAGE_SCRIPT = `'use strict';
(function () {
  var TOKEN_KEY = ${JSON.stringify(TOKEN_KEY)};
  var field = document.getElementById('bearer-token');
  var forget = document.getElementById('forget-token');

  // sessionStorage may be refused (a locked-down browser): the field still works for the tab's life
  function stored() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
  }
  function store(token) {
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* kept in the field only */ }
  }
  // what npm run token prints, or a whole header value pasted by habit
  function token() {
    return field.value.trim().replace(/^bearer\\s+/i, '');
  }

  field.value = stored();
  field.addEventListener('input', function () { store(token()); });
  forget.addEventListener('click', function () {
    field.value = '';
    store('');
    field.focus();
  });

  // the field's token on every request, unless the Headers tab names an Authorization of its own
  function fetchWithToken(url, init) {
    var headers = new Headers(init && init.headers);
    var bearer = token();
    if (bearer && !headers.has('authorization')) headers.set('authorization', 'Bearer ' + bearer);
    return fetch(url, Object.assign({}, init, { headers: headers, credentials: 'omit' }));
  }

  var fetcher = GraphiQL.createFetcher({
    url: location.pathname,
    fetch: fetchWithToken,
    enableIncrementalDelivery: false,
  });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: ${JSON.stringify(STARTER_QUERY)},
      shouldPersistHeaders: false,
    }),
  );
})();
`;

export const PAGE_STYLE =
  `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
.token-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; padding: 0.5rem 1rem; border-bottom: 1px solid ` +
  `#d0d5dd; background: #f6f8fa; font-size: 0.875rem; }
.token-bar label { font-weight: 600; }
.token-bar input { flex: 1 1 24rem; min-width: 12rem; padding: 0.3rem 0.5rem; font-family: ui-monospace, monospace; }
.token-help { flex-basis: 100%; margin: 0; color: #475467; }
#graphiql { flex: 1; min-height: 0; }
.loading { padding: 1rem; }
`;
