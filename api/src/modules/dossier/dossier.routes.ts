import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { hasRole } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { buildDossier } from './build-dossier.ts';

export interface DossierRoutesOptions {
  db: DB;
  clock: () => Date;
}

/** 留档备查: the committee (and the supervisor, reading) download an edition's record as one zip. */
export const dossierRoutes: FastifyPluginAsyncZod<DossierRoutesOptions> = async (app, { db, clock }) => {
  app.get(
    '/editions/:id/dossier.zip',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags: ['dossier'],
        summary: '下载赛事评审全过程留档（zip：CSV/JSON、summary.html、manifest.json 与 sha256sums）',
        params: idParams,
        response: { 200: z.unknown().describe('zip 文件'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { zip, editionName } = await buildDossier(db, request.params.id, clock());
      const name = `${editionName}-留档-${clock().toISOString().slice(0, 10)}.zip`;
      return reply
        .header('content-type', 'application/zip')
        .header('content-length', String(zip.byteLength))
        .header(
          'content-disposition',
          `attachment; filename="dossier-${request.params.id}.zip"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(zip));
    },
  );
};
