import { sql } from 'kysely';
import type { Trx } from '../db/database.ts';
import type { AccessMode, DemandContent } from '../db/schema.ts';
import { enqueueDemand } from '@jb/search/outbox.ts';
import { beijingDate } from '../modules/demands/demand-lifecycle.ts';
import demandData from './data/hebei-2025-demands.json' with { type: 'json' };

/**
 * 演示数据: the 20 Hebei enterprise sub-topics as published demands. Titles and the
 * first paragraph of each need are the official text; enterprises, budgets, data
 * scopes and acceptance criteria are written for the demo (see the JSON's _note).
 */
const DAY = 24 * 3600 * 1000;

/** Demo enterprises whose accounts exist already; the others get an account e03@demo.cn… */
const existingAccounts: Record<string, string> = { E01: 'enterprise1@demo.cn', E02: 'enterprise2@demo.cn' };

export const demoEnterpriseAccounts = demandData.enterprises
  .filter((e) => !existingAccounts[e.key])
  .map((e) => ({ email: e.contact.email, displayName: `${e.contact.name}（${e.name.replace('（演示）', '')}）` }));

export function accountOfEnterprise(key: string): string {
  return existingAccounts[key] ?? demandData.enterprises.find((e) => e.key === key)!.contact.email;
}

export const demoEnterprises = demandData.enterprises;

interface SeedContext {
  editionId: string;
  committeeId: string;
  orgIdByKey: Map<string, string>;
  userIdByEmail: Map<string, string>;
  now: Date;
}

export async function seedDemoDemands(trx: Trx, ctx: SeedContext): Promise<void> {
  const topics = await trx
    .selectFrom('topics')
    .innerJoin('tracks', 'tracks.id', 'topics.track_id')
    .select(['topics.id', 'topics.position', 'tracks.code'])
    .where('tracks.edition_id', '=', ctx.editionId)
    .execute();
  const today = Date.parse(`${beijingDate(ctx.now)}T00:00:00+08:00`);

  for (const [index, d] of demandData.demands.entries()) {
    const orgId = ctx.orgIdByKey.get(d.enterprise)!;
    const exists = await trx
      .selectFrom('demands')
      .select('id')
      .where('org_id', '=', orgId)
      .where(sql<boolean>`content->>'title' = ${d.title}`)
      .executeTakeFirst();
    if (exists) continue;
    const topic = topics.find((t) => t.code === d.trackCode && t.position === d.topicNumber);
    if (!topic) throw new Error(`demo demand ${d.title}: no topic ${d.trackCode}/${d.topicNumber}`);
    const enterprise = demandData.enterprises.find((e) => e.key === d.enterprise)!;
    const publishedAt = new Date(ctx.now.getTime() - (10 - (index % 7)) * DAY);
    const content: DemandContent = {
      title: d.title,
      businessNeed: d.businessNeed,
      techGoals: d.techGoals,
      acceptanceCriteria: d.acceptanceCriteria,
      budgetCny: d.budgetCny,
      region: d.region,
      contact: enterprise.contact,
      bidDeadline: new Date(today + (d.bidDeadlineDays + 1) * DAY - 1000).toISOString(),
      dataScope: d.dataScope.map((item) => {
        const availableFrom = beijingDate(new Date(today + item.availableFromDays * DAY));
        // Data already due is opened, except the one item left overdue so the committee queue shows the watch.
        const opened = item.availableFromDays <= 0 && !('demoOverdue' in item && item.demoOverdue);
        return {
          name: item.name,
          description: item.description,
          fields: item.fields,
          volume: item.volume,
          accessMode: item.accessMode as AccessMode,
          availableFrom,
          openedAt: opened ? new Date(today + item.availableFromDays * DAY + 10 * 3600 * 1000).toISOString() : null,
          evidence: opened ? openingEvidence(item.accessMode as AccessMode) : null,
        };
      }),
    };
    const creatorId = ctx.userIdByEmail.get(accountOfEnterprise(d.enterprise))!;
    const { id } = await trx
      .insertInto('demands')
      .values({
        org_id: orgId,
        edition_id: ctx.editionId,
        topic_id: topic.id,
        status: 'published',
        version: 1,
        content: JSON.stringify(content),
        published_content: JSON.stringify(content),
        published_version: 1,
        published_at: publishedAt,
        bid_deadline: new Date(content.bidDeadline),
        submitted_at: new Date(publishedAt.getTime() - 2 * DAY),
        created_by: creatorId,
        created_at: new Date(publishedAt.getTime() - 3 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueDemand(trx, id);
    const at = (offset: number) => new Date(publishedAt.getTime() - offset * DAY);
    await trx
      .insertInto('demand_events')
      .values([
        { demand_id: id, actor_id: creatorId, action: 'create', from_status: null, to_status: 'draft', version: 1, at: at(3), data: '{}' },
        {
          demand_id: id,
          actor_id: creatorId,
          action: 'submit',
          from_status: 'draft',
          to_status: 'pending_review',
          version: 1,
          at: at(2),
          data: '{}',
        },
        {
          demand_id: id,
          actor_id: ctx.committeeId,
          action: 'approve',
          from_status: 'pending_review',
          to_status: 'published',
          version: 1,
          at: at(0),
          data: '{}',
        },
      ])
      .execute();
  }
}

function openingEvidence(mode: AccessMode): string {
  switch (mode) {
    case 'download':
      return '数据包已上传至大赛数据下载区，揭榜团队凭账号下载（演示）';
    case 'api':
      return '接口文档与测试密钥已通过平台发放给揭榜团队（演示）';
    case 'sandbox':
      return '隐私计算沙箱环境已开通，数据可用不可见（演示）';
    case 'onsite':
      return '已开放现场查阅，预约后到企业数据室查阅（演示）';
  }
}
