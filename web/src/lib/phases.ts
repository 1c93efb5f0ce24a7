import { phaseLabel } from './labels';
import { type Edition, type PhaseName, type PhaseWindow } from './api/types';

import { phaseNames } from './labels';

export type PhaseStatus = 'past' | 'current' | 'upcoming';

export interface PhaseStep {
  name: PhaseName;
  label: string;
  window: PhaseWindow | undefined;
  status: PhaseStatus;
}

export function phaseStatus(window: PhaseWindow | undefined, now = Date.now()): PhaseStatus {
  if (!window) return 'upcoming';
  if (now > Date.parse(window.end)) return 'past';
  if (now >= Date.parse(window.start)) return 'current';
  return 'upcoming';
}

/** The 8 phases in their fixed order. The server's currentPhases decides which are current. */
export function phaseSteps(edition: Pick<Edition, 'phases' | 'currentPhases'>, now = Date.now()): PhaseStep[] {
  return phaseNames.map((name) => {
    const window = edition.phases[name];
    const status: PhaseStatus = edition.currentPhases.includes(name)
      ? 'current'
      : phaseStatus(window, now) === 'current'
        ? 'upcoming' // clock skew between browser and server: trust the server
        : phaseStatus(window, now);
    return { name, label: phaseLabel(name), window, status };
  });
}

/** One line describing where an edition stands, e.g. "报名、作品提交进行中". */
export function editionStatusText(edition: Pick<Edition, 'phases' | 'currentPhases'>, now = Date.now()): string {
  if (edition.currentPhases.length > 0) return `${edition.currentPhases.map(phaseLabel).join('、')}进行中`;
  const steps = phaseSteps(edition, now).filter((s) => s.window);
  if (steps.length === 0) return '日程待公布';
  if (steps.every((s) => s.status === 'upcoming')) return '即将开始';
  if (steps.every((s) => s.status === 'past')) return '已结束';
  const next = steps.filter((s) => s.status === 'upcoming').sort((a, b) => Date.parse(a.window!.start) - Date.parse(b.window!.start))[0];
  return next ? `下一阶段：${next.label}` : '进行中';
}

export type EditionState = 'active' | 'upcoming' | 'ended';

export function editionState(edition: Pick<Edition, 'phases' | 'currentPhases'>, now = Date.now()): EditionState {
  const steps = phaseSteps(edition, now).filter((s) => s.window);
  if (steps.length > 0 && steps.every((s) => s.status === 'past')) return 'ended';
  if (steps.length === 0 || steps.every((s) => s.status === 'upcoming')) return 'upcoming';
  return 'active';
}
