import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../http/middleware.ts';

/**
 * The built editor at `/`, with every other path falling back to `index.html` so the app's own
 * routes survive a reload. Until `npm run build` has run, a small page says so.
 */
export function editorRoutes(editorDir: string) {
  const app = new Hono<AppEnv>();
  const index = path.join(editorDir, 'index.html');
  // Made on first use: the editor may be built after the server started.
  let assets: ReturnType<typeof serveStatic<AppEnv>> | undefined;

  app.get('*', async (c, next) => {
    if (!existsSync(index)) return c.html(NOT_BUILT, 200);
    assets ??= serveStatic<AppEnv>({ root: editorDir });
    return assets(c, next);
  });
  app.get('*', serveStatic<AppEnv>({ path: index }));
  return app;
}

const NOT_BUILT = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Weft</title>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Weft is running</h1>
<p>The editor is not built yet. Run <code>npm run build</code> (or <code>npm start</code>),
then reload this page.</p>
<p>The API works already: <a href="/api/node-types">/api/node-types</a>,
<a href="/api/pipelines">/api/pipelines</a>, <a href="/api/examples">/api/examples</a>,
<a href="/api/runs">/api/runs</a>.</p>
</body>
</html>
`;
