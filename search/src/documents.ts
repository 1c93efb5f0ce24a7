import type { AppDb } from './db.ts';
import { sql } from 'kysely';
import type { DemandDocument } from './types.ts';

/**
 * Document mapping: demand rows → search documents. Only the public version of
 * published and closed demands is indexed; drafts, revisions under review,
 * withdrawn and disqualified demands never reach an engine.
 */
const INDEXED_STATUSES = ['published', 'pending_review', 'rejected', 'closed'];

interface DemandSourceRow {
  id: string;
  status: string;
  published_content: {
    title: string;
    businessNeed: string;
    techGoals: string;
    acceptanceCriteria: string[];
    budgetCny: number;
    region: string;
    bidDeadline: string;
    dataScope: { name: string; description: string; accessMode: string }[];
  } | null;
  published_at: Date | null;
  updated_at: Date;
  org_name: string;
  edition_id: string;
  edition_name: string;
  track_id: string;
  track_name: string;
  topic_id: string;
  topic_title: string;
}

const sourceQuery = (where: ReturnType<typeof sql>) => sql<DemandSourceRow>`
  select d.id, d.status, d.published_content, d.published_at, d.updated_at,
         o.name as org_name, e.id as edition_id, e.name as edition_name,
         tr.id as track_id, tr.full_name as track_name, t.id as topic_id, t.title as topic_title
  from demands d
  join organizations o on o.id = d.org_id
  join editions e on e.id = d.edition_id
  join topics t on t.id = d.topic_id
  join tracks tr on tr.id = t.track_id
  where ${where}`;

export function toDocument(row: DemandSourceRow): DemandDocument | null {
  const c = row.published_content;
  if (!c || !INDEXED_STATUSES.includes(row.status)) return null;
  const bidDeadline = new Date(c.bidDeadline);
  const publishedAt = row.published_at ?? row.updated_at;
  return {
    id: row.id,
    revision: row.updated_at.getTime(),
    title: c.title,
    businessNeed: c.businessNeed,
    techGoals: c.techGoals,
    dataNames: c.dataScope.map((i) => i.name),
    dataDescriptions: c.dataScope.map((i) => i.description),
    acceptanceCriteria: c.acceptanceCriteria,
    enterprise: row.org_name,
    editionId: row.edition_id,
    editionName: row.edition_name,
    trackId: row.track_id,
    trackName: row.track_name,
    topicId: row.topic_id,
    topicTitle: row.topic_title,
    region: c.region,
    accessModes: [...new Set(c.dataScope.map((i) => i.accessMode))],
    budgetCny: c.budgetCny,
    bidDeadline: bidDeadline.toISOString(),
    bidDeadlineTs: bidDeadline.getTime(),
    publishedAt: publishedAt.toISOString(),
    publishedAtTs: publishedAt.getTime(),
    status: row.status === 'closed' ? 'closed' : 'published',
  };
}

/** Current documents for the given demand ids; ids not returned must be removed from the index. */
export async function loadDocuments(db: AppDb, ids: string[]): Promise<Map<string, DemandDocument>> {
  if (!ids.length) return new Map();
  const { rows } = await sourceQuery(sql`d.id = any(${ids}::uuid[])`).execute(db);
  const docs = new Map<string, DemandDocument>();
  for (const row of rows) {
    const doc = toDocument(row);
    if (doc) docs.set(doc.id, doc);
  }
  return docs;
}

/** Every indexable document, in batches (for a rebuild). */
export async function* allDocuments(db: AppDb, batchSize = 1000): AsyncIterable<DemandDocument[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  while (true) {
    const { rows } = await sql<DemandSourceRow>`${sourceQuery(
      sql`d.id > ${after}::uuid and d.published_content is not null and d.status = any(${INDEXED_STATUSES}::text[])`,
    )} order by d.id limit ${batchSize}`.execute(db);
    if (!rows.length) return;
    yield rows.map(toDocument).filter((d): d is DemandDocument => d !== null);
    after = rows[rows.length - 1].id;
  }
}
