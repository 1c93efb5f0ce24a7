import { z } from 'zod';
import type { DB, Trx } from '../../db/database.ts';
import type { DataScopeItem, DemandContent, DemandDraft, DemandStatus, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound, unauthenticated } from '../../errors.ts';
import { findTopicWithEdition } from '../catalog/catalog.repository.ts';
import { findOrganization } from '../orgs/orgs.repository.ts';
import { assertOwner, assertVisible, isPublic, seesWorkingCopy, viewerOf } from './demand-access.ts';
import { toDemandDto } from './demand-dto.ts';
import { editableStatuses, overdueItems, statusLabels, transitions } from './demand-lifecycle.ts';
import { bidDeadlineIssue, checkSubmission, incomplete, type DemandIssue } from './demand-rules.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { comparable } from './demand-dto.ts';
import * as repo from './demands.repository.ts';

type DataItemInput = Omit<DataScopeItem, 'openedAt' | 'evidence'>;
export type DemandInput = Partial<Omit<DemandContent, 'dataScope'>> & { dataScope?: DataItemInput[] };

export async function getDemand(db: DB, user: UserRow | null, id: string) {
  const viewer = await viewerOf(db, user);
  const demand = await repo.findDemand(db, id);
  assertVisible(viewer, demand);
  const [bidCount, following] = await Promise.all([
    repo.countBids(db, id),
    user ? repo.isFollowing(db, id, user.id) : Promise.resolve(undefined),
  ]);
  return toDemandDto(demand, viewer, { bidCount, following });
}

export async function listDemands(
  db: DB,
  user: UserRow | null,
  query: {
    edition?: string;
    track?: string;
    topic?: string;
    status?: DemandStatus;
    org?: string;
    mine?: string;
    public?: string;
    page: number;
    pageSize: number;
  },
) {
  const signedInViewer = await viewerOf(db, user);
  // The public board shows every viewer the public version, even owners and the committee.
  const viewer = query.public ? { ...signedInViewer, overseer: false, committee: false, memberOrgIds: [] } : signedInViewer;
  const mine = !!query.mine;
  if (mine && !user) throw unauthenticated();
  // Owners (mine=1) and overseers filter on the workflow status; everyone else on what the public sees.
  const workflowStatus = viewer.overseer || mine;
  const { rows, total } = await repo.listDemands(db, {
    editionId: query.edition,
    trackId: query.track,
    topicId: query.topic,
    orgIds: mine ? viewer.memberOrgIds : query.org ? [query.org] : undefined,
    status: workflowStatus ? query.status : undefined,
    publicStatus: workflowStatus ? undefined : query.status,
    visibility: viewer.overseer ? { all: true } : { all: false, memberOrgIds: viewer.memberOrgIds },
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const bidCounts = await repo.countBidsFor(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((row) => toDemandDto(row, viewer, { bidCount: bidCounts.get(row.id) ?? 0 })), total };
}

export async function createDemand(
  db: DB,
  user: UserRow,
  input: DemandInput & { orgId: string; topicId: string; title: string; submit?: boolean },
  now = new Date(),
) {
  const viewer = await viewerOf(db, user);
  const submit = input.submit === true;
  // With submit, the body may not have passed the route's schema (attachValidation): check the ids here.
  const ids = z.object({ orgId: z.uuid('请选择发布单位'), topicId: z.uuid('请选择所属赛题') }).safeParse(input);
  const idIssues: DemandIssue[] = ids.success ? [] : ids.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const org = ids.success ? await findOrganization(db, input.orgId) : undefined;
  if (ids.success && !org) throw notFound('单位');
  if (org && !viewer.memberOrgIds.includes(org.id)) throw forbidden('只能以本人所属单位的名义发布需求');
  if (org && org.kind !== 'enterprise') {
    throw new AppError('ORG_KIND_NOT_ALLOWED', '只有企业可以发布需求子赛题', { field: 'orgId', kind: org.kind });
  }
  const topic = ids.success ? await findTopicWithEdition(db, input.topicId) : undefined;
  if (ids.success && !topic) throw new AppError('NOT_FOUND', '赛题不存在', { field: 'topicId' });
  const { orgId: _o, topicId: _t, submit: _s, ...fields } = input;
  const submissionEnd = topic ? await repo.submissionEnd(db, topic.edition_id) : null;

  let content = fields as DemandDraft;
  if (submit) {
    const checked = checkSubmission(fields, { now, submissionEnd });
    const issues = [...idIssues, ...checked.issues];
    if (issues.length || !checked.content) throw incomplete(issues);
    content = checked.content as DemandDraft;
  } else {
    assertDeadlineWithinSubmission(fields.bidDeadline, submissionEnd);
  }

  const id = await db.transaction().execute(async (trx) => {
    const demand = await repo.insertDemand(trx, {
      org_id: org!.id,
      edition_id: topic!.edition_id,
      topic_id: topic!.id,
      content: withDataState(content, undefined),
      created_by: user.id,
    });
    await repo.insertDemandEvent(trx, {
      demand_id: demand.id,
      actor_id: user.id,
      action: 'create',
      from_status: null,
      to_status: 'draft',
      version: demand.version,
    });
    if (submit) await sendToReview(trx, user, demand.id, 'draft', demand.version, now);
    return demand.id;
  });
  return getDemand(db, user, id);
}

/** draft | rejected → pending_review inside the caller's transaction (the content was checked). */
async function sendToReview(trx: Trx, user: UserRow, id: string, from: DemandStatus, version: number, now: Date) {
  await repo.updateDemand(trx, id, { status: transitions.submit.to, submitted_at: now, review_reason: null });
  await repo.insertDemandEvent(trx, {
    demand_id: id,
    actor_id: user.id,
    action: 'submit',
    from_status: from,
    to_status: transitions.submit.to,
    version,
  });
}

/** A bid deadline after the edition's submission phase is refused even in a draft. */
function assertDeadlineWithinSubmission(bidDeadline: string | undefined, submissionEnd: string | null) {
  if (!bidDeadline || !submissionEnd) return;
  const issue = bidDeadlineIssue(bidDeadline, { now: new Date(0), submissionEnd });
  if (issue) throw new AppError('VALIDATION_FAILED', issue.message, { issues: [{ path: `body.${issue.path}`, message: issue.message }] });
}

/**
 * Saves the working copy. On a published demand, extending the bid deadline is
 * applied at once; any other change sends the demand back to review while the
 * approved version stays public.
 */
export async function updateDemand(
  db: DB,
  user: UserRow,
  id: string,
  input: DemandInput & { version: number; submit?: boolean },
  now = new Date(),
) {
  const viewer = await viewerOf(db, user);
  await db.transaction().execute(async (trx) => {
    const current = await repo.findDemand(trx, id);
    assertOwner(viewer, current);
    if (!editableStatuses.includes(current.status)) {
      throw new AppError('INVALID_TRANSITION', `需求当前状态为「${statusLabels[current.status]}」，不能修改`, { status: current.status });
    }
    const { version, submit, ...changes } = input;
    const submissionEnd = await repo.submissionEnd(trx, current.edition_id);
    const submitting = submit === true && current.status !== 'published';
    if (submitting && !transitions.submit.from.includes(current.status)) {
      throw new AppError('INVALID_TRANSITION', `需求当前状态为「${statusLabels[current.status]}」，不能提交审核`, {
        status: current.status,
      });
    }
    let merged: DemandDraft = withDataState({ ...current.content, ...(changes as Partial<DemandDraft>) }, current.content.dataScope);
    if (submitting || current.status === 'published') {
      // Going to review (or live at once): every issue of the whole demand in one answer, nothing written.
      const checked = checkSubmission(merged, { now, submissionEnd });
      if (checked.issues.length || !checked.content) throw incomplete(checked.issues);
      merged = withDataState(checked.content as DemandDraft, current.content.dataScope);
    } else {
      assertDeadlineWithinSubmission(changes.bidDeadline, submissionEnd);
    }
    if (submitting && Object.keys(changes).length === 0) {
      if (version !== current.version)
        throw new AppError('VERSION_CONFLICT', '该需求已被他人修改，请刷新后再编辑', { currentVersion: current.version });
      await repo.lockDemand(trx, id);
      await sendToReview(trx, user, id, current.status, current.version, now);
      return;
    }
    const next = version + 1;
    let patch: repo.DemandPatch = { content: merged, version: next };
    let event: { action: string; to: typeof current.status } = { action: 'edit', to: current.status };

    if (current.status === 'published') {
      const live = current.published_content!;
      const changedFields = Object.keys(changes).filter(
        (field) =>
          stableStringify(comparable(field, (merged as Record<string, unknown>)[field])) !==
          stableStringify(comparable(field, (live as unknown as Record<string, unknown>)[field])),
      );
      const onlyExtendsDeadline =
        changedFields.length === 1 && changedFields[0] === 'bidDeadline' && Date.parse(merged.bidDeadline!) > Date.parse(live.bidDeadline);
      if (changedFields.length === 0) {
        // Nothing the public would see changed: the working copy still equals the approved version.
        patch = { content: merged, version: next, published_version: next };
      } else if (onlyExtendsDeadline) {
        patch = {
          content: merged,
          version: next,
          published_content: { ...live, bidDeadline: merged.bidDeadline! },
          published_version: next,
          bid_deadline: new Date(merged.bidDeadline!),
        };
        event = { action: 'extend_deadline', to: 'published' };
      } else {
        patch = { content: merged, version: next, status: transitions.revise.to, submitted_at: new Date(), review_reason: null };
        event = { action: 'revise', to: transitions.revise.to };
      }
    }

    const updated = await repo.updateDemandIfVersion(trx, id, version, patch);
    if (!updated) {
      throw new AppError('VERSION_CONFLICT', '该需求已被他人修改，请刷新后再编辑', { currentVersion: current.version });
    }
    await repo.insertDemandEvent(trx, {
      demand_id: id,
      actor_id: user.id,
      action: event.action,
      from_status: current.status,
      to_status: event.to,
      version: next,
      data: { fields: Object.keys(changes) },
    });
    if (submitting) await sendToReview(trx, user, id, current.status, next, now);
  });
  return getDemand(db, user, id);
}

/** Keeps each data item's opening record (openedAt, evidence) when an item with the same name is kept. */
function withDataState(content: DemandDraft, previous: DataScopeItem[] | undefined): DemandDraft {
  if (!content.dataScope) return content;
  return {
    ...content,
    dataScope: content.dataScope.map((item) => {
      const before = previous?.find((p) => p.name === item.name);
      return { ...item, openedAt: before?.openedAt ?? null, evidence: before?.evidence ?? null };
    }),
  };
}

export async function demandHistory(db: DB, user: UserRow, id: string) {
  const viewer = await viewerOf(db, user);
  const demand = await repo.findDemand(db, id);
  assertVisible(viewer, demand);
  if (!seesWorkingCopy(viewer, demand)) throw forbidden('只有发布企业和组委会可以查看需求的审核记录');
  const events = await repo.listDemandEvents(db, id);
  return events.map((e) => ({
    id: Number(e.id),
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    version: e.version,
    reason: e.reason,
    actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
    at: e.at.toISOString(),
  }));
}

/** 组委会审核队列: pending review first (oldest first), then live demands whose promised data is overdue. */
export async function reviewQueue(db: DB, user: UserRow, now = new Date()) {
  const viewer = await viewerOf(db, user);
  const rows = await repo.listReviewCandidates(db);
  const pending = rows.filter((r) => r.status === 'pending_review');
  // Every demand the public sees as published (including one whose revision is under review).
  const overdue = rows.filter((r) => r.published_content && overdueItems(r.published_content.dataScope, now).length > 0);
  const bidCounts = await repo.countBidsFor(
    db,
    rows.map((r) => r.id),
  );
  const dto = (r: repo.DemandWithContext) => toDemandDto(r, viewer, { bidCount: bidCounts.get(r.id) ?? 0, now });
  return { pending: pending.map(dto), dataOverdue: overdue.map(dto) };
}

export async function setFollowing(db: DB, user: UserRow, id: string, following: boolean) {
  const viewer = await viewerOf(db, user);
  const demand = await repo.findDemand(db, id);
  assertVisible(viewer, demand);
  if (following && !isPublic(demand)) throw new AppError('INVALID_TRANSITION', '只能关注已发布的需求', { status: demand.status });
  if (following) await repo.follow(db, id, user.id);
  else await repo.unfollow(db, id, user.id);
  return getDemand(db, user, id);
}
