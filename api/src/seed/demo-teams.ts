import { Readable } from 'node:stream';
import type { Trx } from '../db/database.ts';
import type { MaterialCategory, ProjectSections } from '../db/schema.ts';
import type { FileStorage } from '../lib/storage/file-storage.ts';

/**
 * 演示数据: one team (河北理工数据科学研究院, led by team2@demo.cn) with a project
 * already submitted on the UDI traceability sub-topic, so the committee's compliance
 * queue and the enterprise's bid count show something on a fresh demo. team1@demo.cn
 * is left without a team so the bidding flow can be tried from scratch.
 */
const TEAM_NAME = '理工数智揭榜队';
const DEMAND_TITLE = '医疗器械全链追溯：UDI驱动的产供销智能协同';

const sections: ProjectSections = {
  overview: {
    background:
      '医疗器械唯一标识（UDI）全面实施后，生产、流通、使用各环节的数据仍分散在企业 ERP、经销商进销存和医院 SPD 系统中，难以形成完整追溯链条。',
    industry: '医疗器械制造与流通',
    advantages: '团队自研的多源标识解析引擎已在两家省内器械企业试点，支持 GS1、MA 等多种编码体系，解析准确率 99.6%。',
  },
  solution: {
    architecture: '采用“数据接入—标识解析—追溯图谱—业务应用”四层架构，企业数据在沙箱中计算，原始数据不出域。',
    features: '产品全链追溯查询、召回影响范围分析、渠道窜货预警、库存与效期联动提醒。',
    keyTechnologies: '多编码体系 UDI 解析、基于图数据库的追溯链构建、隐私计算下的跨主体数据关联。',
    dataUsage: '融合企业开放的生产批次数据、经销商出入库数据与医院使用数据，按“可用不可见”方式在沙箱中建模。',
  },
  value: {
    cases: '在某省内骨科耗材企业试点，召回定位时间由 3 天缩短到 2 小时。',
    economicBenefit: '预计每年减少窜货与过期损失约 300 万元，召回成本下降 40%。',
    socialBenefit: '提升医疗器械使用安全，支撑监管部门精准监管。',
  },
  businessModel: {
    promotion: '以 SaaS 订阅 + 私有化部署两种方式向省内器械生产和流通企业推广。',
    market: '河北省医疗器械生产企业 1,000 余家，二、三类器械追溯需求明确，市场空间约 5 亿元。',
  },
  team: {
    experience: '团队 5 人，核心成员具有 10 年以上医疗信息化与数据治理经验，承担过省级数据要素试点项目。',
    qualifications: '研究院具备 ISO 27001 认证，拥有相关软件著作权 6 项、发明专利 2 项。',
  },
};

/** A small, valid one-page PDF whose page reads `text` (ASCII). */
export function demoPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export async function seedDemoTeams(
  trx: Trx,
  ctx: { editionId: string; userIdByEmail: Map<string, string>; storage: FileStorage; now: Date },
) {
  const exists = await trx
    .selectFrom('teams')
    .select('id')
    .where('edition_id', '=', ctx.editionId)
    .where('name', '=', TEAM_NAME)
    .executeTakeFirst();
  if (exists) return;
  const leaderId = ctx.userIdByEmail.get('team2@demo.cn')!;
  const membership = await trx
    .selectFrom('org_members')
    .select('org_id')
    .where('user_id', '=', leaderId)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  const demand = await trx
    .selectFrom('demands')
    .select(['id', 'topic_id'])
    .where('edition_id', '=', ctx.editionId)
    .where(({ ref }) => ref('published_content', '->>').key('title'), '=', DEMAND_TITLE)
    .executeTakeFirst();
  if (!membership || !demand) return;

  const team = await trx
    .insertInto('teams')
    .values({ edition_id: ctx.editionId, name: TEAM_NAME, lead_org_id: membership.org_id, created_by: leaderId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('team_orgs').values({ team_id: team.id, org_id: membership.org_id, role: 'lead' }).execute();
  await trx
    .insertInto('team_members')
    .values({
      team_id: team.id,
      edition_id: ctx.editionId,
      user_id: leaderId,
      org_id: membership.org_id,
      role: 'leader',
      added_by: leaderId,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();

  const project = await trx
    .insertInto('projects')
    .values({
      team_id: team.id,
      edition_id: ctx.editionId,
      topic_id: demand.topic_id,
      demand_id: demand.id,
      name: 'UDI 全链追溯数据中台',
      sections: JSON.stringify(sections),
      status: 'submitted',
      submitted_version: 1,
      submitted_at: ctx.now,
      compliance_status: 'pending',
      created_by: leaderId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const materialIds = await seedDemoMaterials(trx, ctx.storage, project.id, leaderId, [
    ['qualification', '事业单位法人证书（演示）.pdf', 'Demo: institution legal person certificate'],
    ['responsibility', '申报主体责任声明（演示）.pdf', 'Demo: declaration of responsibility'],
  ]);
  await trx
    .insertInto('project_versions')
    .values({
      project_id: project.id,
      version: 1,
      name: 'UDI 全链追溯数据中台',
      sections: JSON.stringify(sections),
      material_ids: materialIds,
      submitted_by: leaderId,
    })
    .execute();
  await trx
    .insertInto('project_events')
    .values([
      { project_id: project.id, actor_id: leaderId, action: 'created', to_status: 'draft' },
      {
        project_id: project.id,
        actor_id: leaderId,
        action: 'submitted',
        from_status: 'draft',
        to_status: 'submitted',
        data: JSON.stringify({ version: 1 }),
      },
    ])
    .execute();
}

/** Stages demo PDFs and records them as the project's materials; returns their ids in order. */
export async function seedDemoMaterials(
  trx: Trx,
  storage: FileStorage,
  projectId: string,
  uploadedBy: string,
  files: readonly (readonly [MaterialCategory, string, string])[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [category, fileName, text] of files) {
    const staged = await storage.stage(Readable.from(demoPdf(text)));
    await staged.commit();
    const row = await trx
      .insertInto('project_materials')
      .values({
        project_id: projectId,
        category,
        file_name: fileName,
        mime_type: 'application/pdf',
        size: staged.size,
        sha256: staged.sha256,
        uploaded_by: uploadedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}
