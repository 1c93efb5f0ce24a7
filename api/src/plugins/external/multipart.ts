import multipart from '@fastify/multipart';
import fp from 'fastify-plugin';

/**
 * File uploads (supporting materials). The byte limit is the largest any file may
 * be (videos); the per-type limit is checked once the content's type is known. A
 * file over the limit is cut off (`truncated`) and refused with FILE_TOO_LARGE.
 */
export default fp<{ maxFileBytes: number }>(async (app, { maxFileBytes }) => {
  await app.register(multipart, {
    // A file over the limit is cut off and flagged, and the upload code answers FILE_TOO_LARGE.
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes, files: 1, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 100 },
  });
});
