import type { DB } from '../../db/database.ts';
import type { EditionRules, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { appendDecision } from '../results/decision-log.repository.ts';
import { publicityState, publicityWindow } from './publicity-state.ts';
import * as repo from './publicity.repository.ts';

/** 公示: the committee opens it once awards are approved; everyone reads it, no login needed. */

export async function noticeDto(db: DB, notice: repo.NoticeRow, editionName: string, now: Date) {
  const counts = await repo.openReportCounts(db, notice.edition_id);
  return {
    editionId: notice.edition_id,
    editionName,
    start: notice.start_at.toISOString(),
    end: notice.end_at.toISOString(),
    days: notice.days,
    note: notice.note,
    state: publicityState({ start: notice.start_at, end: notice.end_at }, counts, now),
    reports: { pending: counts.pending, undecided: counts.undecided, upheld: counts.upheld },
  };
}

export async function openPublicity(db: DB, user: UserRow, editionId: string, body: { start?: string; note?: string }, now: Date) {
  await db.transaction().execute(async (trx) => {
    const edition = await repo.findEdition(trx, editionId);
    if (!edition) throw notFound('赛事');
    if (await repo.findNotice(trx, editionId, true)) throw new AppError('PUBLICITY_EXISTS', '本赛事的获奖公示已经发布，不能重复发布');
    const awards = await repo.countApprovedAwards(trx, editionId);
    if (awards.approved === 0 || awards.proposed > 0) {
      throw new AppError('AWARDS_NOT_APPROVED', '获奖名单尚未经组委会审核批准，不能发布公示', awards);
    }
    const start = body.start ? new Date(body.start) : now;
    if (start.getTime() < now.getTime() - 24 * 3600 * 1000) {
      throw new AppError('VALIDATION_FAILED', '公示开始时间不能早于当前时间 24 小时以上', {
        issues: [{ path: 'start', message: '公示开始时间不能早于当前时间 24 小时以上' }],
      });
    }
    const days = (edition.rules as EditionRules).publicityDays ?? 7;
    const window = publicityWindow(start, days);
    await repo.insertNotice(trx, { editionId, start, end: window.end, days, note: body.note ?? '', by: user.id });
    await appendDecision(trx, {
      editionId,
      actorId: user.id,
      action: 'publicity.opened',
      subjectType: 'publicity',
      subjectId: editionId,
      data: { start: start.toISOString(), end: window.end.toISOString(), days, approvedAwards: awards.approved },
      reason: body.note || null,
    });
    const winners = await repo.publicAwards(trx, editionId);
    const members = (await Promise.all([...new Set(winners.map((w) => w.team_id))].map((id) => repo.teamMemberIds(trx, id)))).flat();
    await insertNotifications(trx, members, {
      kind: 'publicity.opened',
      title: `${edition.name}获奖名单开始公示（${days} 天）`,
      body: '公示期内任何人可实名举报；公示期满无成立的举报，获奖结果即最终确定。',
      link: `/publicity/${editionId}`,
      data: { editionId },
    });
  });
  return getPublicity(db, editionId, now);
}

export async function getPublicity(db: DB, editionId: string, now: Date) {
  const edition = await repo.findEdition(db, editionId);
  if (!edition) throw notFound('赛事');
  const notice = await repo.findNotice(db, editionId);
  // Before the committee publishes, the public sees no winners (nor whether any are decided).
  const published = !!notice && notice.start_at.getTime() <= now.getTime();
  const rows = published ? await repo.publicAwards(db, editionId) : [];
  const tracks = new Map<string, { trackId: string; trackName: string; winners: ReturnType<typeof winnerDto>[] }>();
  for (const row of rows) {
    const track = tracks.get(row.track_id) ?? { trackId: row.track_id, trackName: row.track_name, winners: [] };
    track.winners.push(winnerDto(row));
    tracks.set(row.track_id, track);
  }
  return {
    notice: notice ? await noticeDto(db, notice, edition.name, now) : null,
    editionId,
    editionName: edition.name,
    tracks: [...tracks.values()],
  };
}

function winnerDto(row: repo.PublicAwardRow) {
  return {
    awardId: row.id,
    level: row.level as 'first' | 'second' | 'third' | 'special',
    status: row.status as 'approved' | 'revoked',
    teamName: row.team_name,
    leadOrgName: row.lead_org_name,
    projectName: row.project_name,
    demandTitle: row.demand_title,
    enterpriseName: row.enterprise_name,
    priorityRecommendation: row.priority_recommendation,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    replacesAwardId: row.replaces_award_id,
  };
}

/** Every published notice (the public 公示 and results list), newest first. */
export async function listPublicity(db: DB, now: Date) {
  const notices = await repo.listNotices(db);
  const items = [];
  for (const n of notices) {
    if (n.start_at.getTime() > now.getTime()) continue;
    const full = (await repo.findNotice(db, n.edition_id))!;
    items.push(await noticeDto(db, full, n.edition_name, now));
  }
  return { items };
}
