import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import type { ErrorBody } from '../../errors.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export const defaultWebBuildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/build');

/**
 * Serves the built SvelteKit app (adapter-node's handler) for every path that
 * is not an API route, so production runs on one port. Without a build (API
 * tests, `npm run dev`), non-API paths get a 404 with a hint.
 */
export default fp<{ buildDir?: string | false }>(async (app, opts) => {
  const buildDir = opts.buildDir === false ? null : (opts.buildDir ?? defaultWebBuildDir);
  const handlerFile = buildDir ? path.join(buildDir, 'handler.js') : null;
  const handler: NodeHandler | null =
    handlerFile && existsSync(handlerFile) ? (await import(pathToFileURL(handlerFile).href)).handler : null;

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/socket.io/');
    if (!isApi && handler && (request.method === 'GET' || request.method === 'HEAD')) {
      reply.hijack();
      handler(request.raw, reply.raw, () => {
        reply.raw.statusCode = 404;
        reply.raw.end('Not found');
      });
      return;
    }
    const message = isApi ? `接口不存在：${request.method} ${request.url.split('?')[0]}` : '页面不存在（网页尚未构建：运行 npm run build）';
    const body: ErrorBody = { error: { code: 'NOT_FOUND', message } };
    return reply.status(404).send(body);
  });
});
