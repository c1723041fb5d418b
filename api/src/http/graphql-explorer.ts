import path from 'node:path';
import compression from 'compression';
import type { Express, Request } from 'express';
import { introspectionFromSchema, type GraphQLSchema } from 'graphql';
import type { AppDeps } from '../graphql/context';
import { explorerCsp, pageHeaders } from './security-headers';

/**
 * `GET /graphql` from a browser. Where introspection is on (not production) it answers with GraphiQL
 * served from this process: the prebuilt UMD bundles of the `graphiql`, `react` and `react-dom`
 * packages, so the page needs no CDN. In production a browser gets a short text and 404.
 */

const ASSETS = '/graphql-explorer';

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/**
 * The page's only script of its own, served as a file: the CSP allows no inline script. The schema
 * comes from schema.json because GraphiQL's introspection query is deeper than the API's depth limit.
 */
const START_SCRIPT = `'use strict';
(function () {
  var url = new URL('/graphql', location.href).href;
  var fetcher = GraphiQL.createFetcher({ url: url, subscriptionUrl: url.replace(/^http/, 'ws') });
  fetch('${ASSETS}/schema.json')
    .then(function (response) { return response.json(); })
    .then(function (introspection) {
      // Built with the bundle's own graphql module: GraphiQL recognises the schema by instanceof.
      var schema = GraphiQL.GraphQL.buildClientSchema(introspection);
      var explorer = React.createElement(GraphiQL, { fetcher: fetcher, schema: schema, defaultEditorToolsVisibility: true });
      ReactDOM.createRoot(document.getElementById('graphiql')).render(explorer);
    });
})();
`;

export const EXPLORER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley GraphQL explorer</title>
<link rel="stylesheet" href="${ASSETS}/graphiql.min.css">
<style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading the GraphQL explorer…</div>
<script src="${ASSETS}/react.production.min.js"></script>
<script src="${ASSETS}/react-dom.production.min.js"></script>
<script src="${ASSETS}/graphiql.min.js"></script>
<script src="${ASSETS}/start.js"></script>
</body>
</html>
`;

/** A browser navigating to the endpoint, rather than a GraphQL client sending a GET query. */
function wantsPage(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

export function mountGraphQLExplorer(app: Express, deps: AppDeps, schema: GraphQLSchema): void {
  if (deps.config.production) {
    app.get('/graphql', (req, res, next) => {
      if (!wantsPage(req)) return next();
      res.status(404).type('text/plain').send('This is the Parley GraphQL API: send queries with POST /graphql. The explorer is off in production.\n');
    });
    return;
  }

  const files: Record<string, string> = {
    'graphiql.min.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
    'graphiql.min.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
    'react.production.min.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
    'react-dom.production.min.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  };
  let introspection: string | undefined;
  // A development tool: compressing its megabyte of script per request is cheap enough.
  app.get(`${ASSETS}/:file`, compression(), (req, res, next) => {
    const name = String(req.params.file);
    res.setHeader('Cache-Control', 'no-cache');
    if (name === 'start.js') {
      res.type('application/javascript').send(START_SCRIPT);
      return;
    }
    if (name === 'schema.json') {
      introspection ??= JSON.stringify(introspectionFromSchema(schema));
      res.type('application/json').send(introspection);
      return;
    }
    const file = files[name];
    if (!file) return next();
    res.sendFile(file, { cacheControl: false });
  });
  app.get('/graphql', (req, res, next) => {
    if (!wantsPage(req)) return next();
    res.set({ ...pageHeaders(explorerCsp(deps.config, req.headers.host)), 'Cache-Control': 'no-cache' });
    res.type('html').send(EXPLORER_PAGE);
  });
}
