import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { buildOpenApiDocument } from './document';

/** The Swagger UI files served from swagger-ui-dist; nothing else under /documentation is readable. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

// Strapi's security headers allow scripts from this origin only: no inline script, so the start-up is a file too.
const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Quanzi REST API</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/documentation/swagger-ui.css">
  <link rel="icon" type="image/png" href="/documentation/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <noscript>Swagger UI needs JavaScript. The document itself is at <a href="/openapi.json">/openapi.json</a>.</noscript>
  <script src="/documentation/swagger-ui-bundle.js"></script>
  <script src="/documentation/swagger-ui-standalone-preset.js"></script>
  <script src="/documentation/init.js"></script>
</body>
</html>
`;

function swaggerUiDir(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- swagger-ui-dist ships no types; only its folder is needed, when the route is first asked for
  return require('swagger-ui-dist').getAbsoluteFSPath();
}

/**
 * GET /openapi.json (the document, built once on first request: routes do not
 * change while the app runs) and Swagger UI at GET /documentation. Both public.
 */
export function registerDocumentationRoutes(strapi: Core.Strapi): void {
  let documentJson: string | null = null;
  strapi.server.routes([
    {
      method: 'GET',
      path: '/openapi.json',
      handler: (ctx: any) => {
        documentJson ??= JSON.stringify(buildOpenApiDocument(strapi));
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = documentJson;
      },
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/documentation',
      handler: (ctx: any) => {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = PAGE;
      },
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/documentation/:file',
      handler: (ctx: any) => {
        const file = String(ctx.params.file);
        ctx.set('Cache-Control', 'public, max-age=86400');
        if (file === 'init.js') {
          ctx.type = 'application/javascript; charset=utf-8';
          ctx.body = INIT_JS;
          return;
        }
        const type = ASSETS[file];
        if (!type) return ctx.notFound('No such Swagger UI file.');
        ctx.type = type;
        ctx.body = fs.createReadStream(path.join(swaggerUiDir(), file));
      },
      config: { auth: false },
    },
  ] as any);
}
