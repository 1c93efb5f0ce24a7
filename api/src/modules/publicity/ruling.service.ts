import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { appendDecision } from '../results/decision-log.repository.ts';
import { decideFreedPlace, revokeForReport } from './award-revocation.ts';
import * as repo from './publicity.repository.ts';
import { getReport } from './reports.service.ts';

/**
 * 裁定: the supervisor (监督委员会) alone rules on a report, in writing. An upheld report
 * revokes the award (results' revokeAward: the award, the public page and the team show it);
 * then the committee decides whether the freed place moves to the next project. Every step
 * is in the decision log, in the transaction that makes it.
 */
export async function ruleOnReport(
  db: DB,
  user: UserRow,
  reportId: string,
  body: { decision: 'upheld' | 'rejected'; ruling: string },
  now: Date,
) {
  await db.transaction().execute(async (trx) => {
    const report = await repo.lockReport(trx, reportId);
    if (!report) throw notFound('举报');
    if (report.status !== 'pending')
      throw new AppError('REPORT_ALREADY_RULED', '该举报已作出裁定，裁定不能更改', { status: report.status });
    await repo.ruleReport(trx, reportId, { status: body.decision, ruling: body.ruling, by: user.id, at: now });
    await appendDecision(trx, {
      editionId: report.edition_id,
      actorId: user.id,
      action: body.decision === 'upheld' ? 'report.upheld' : 'report.rejected',
      subjectType: 'report',
      subjectId: reportId,
      data: { awardId: report.award_id },
      reason: body.ruling,
    });
    const award = (await repo.findAward(trx, report.award_id))!;
    if (body.decision === 'upheld') {
      await revokeForReport(trx, { awardId: report.award_id, actorId: user.id, reason: body.ruling, reportId, at: now });
      await insertNotifications(trx, await repo.teamMemberIds(trx, award.team_id), {
        kind: 'award.revoked',
        title: `「${award.project_name}」未通过公示，获奖资格已撤销`,
        body: `监督委员会裁定举报成立：${body.ruling}`,
        link: `/publicity/${report.edition_id}`,
        data: { awardId: award.id, reportId },
      });
      await insertNotifications(trx, await repo.userIdsWithRole(trx, 'committee'), {
        kind: 'report.upheld',
        title: `举报成立，「${award.project_name}」奖项已撤销`,
        body: '请决定空出的名额是否递补给下一名项目。',
        link: '/admin/reports',
        data: { reportId },
      });
    }
    await insertNotifications(trx, [report.reporter_id], {
      kind: 'report.ruled',
      title: `您对「${award.project_name}」的举报已裁定：${body.decision === 'upheld' ? '举报成立' : '举报不成立'}`,
      body: body.ruling,
      link: '/publicity/my-reports',
      data: { reportId },
    });
  });
  return getReport(db, user, reportId);
}

export async function decidePlace(db: DB, user: UserRow, reportId: string, body: { moveToNext: boolean; reason: string }, now: Date) {
  await db.transaction().execute(async (trx) => {
    const report = await repo.lockReport(trx, reportId);
    if (!report) throw notFound('举报');
    if (report.status !== 'upheld') throw new AppError('INVALID_TRANSITION', '只有成立的举报（奖项已撤销）才需要决定名额递补');
    if (report.place_decision) throw new AppError('PLACE_ALREADY_DECIDED', '该名额的递补已作出决定，不能更改');
    const moved = await decideFreedPlace(trx, {
      awardId: report.award_id,
      actorId: user.id,
      moveToNext: body.moveToNext,
      reason: body.reason,
      reportId,
      at: now,
    });
    await repo.decidePlace(trx, reportId, {
      decision: moved ? 'moved' : 'vacant',
      reason: body.reason,
      projectId: moved?.projectId ?? null,
      by: user.id,
      at: now,
    });
    await appendDecision(trx, {
      editionId: report.edition_id,
      actorId: user.id,
      action: moved ? 'report.place_moved' : 'report.place_vacant',
      subjectType: 'report',
      subjectId: reportId,
      data: { awardId: report.award_id, newAwardId: moved?.awardId ?? null, projectId: moved?.projectId ?? null },
      reason: body.reason,
    });
  });
  return getReport(db, user, reportId);
}
