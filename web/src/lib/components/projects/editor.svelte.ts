/**
 * The application editor's state: the text being typed, the project as last saved, and
 * autosave (PATCH /api/projects/:id with `version`, debounced). Actions that change the
 * project (submit, withdraw, materials) run through `act`, after pending text is saved
 * and never at the same time as a save, so the version sent is always the latest.
 */
import { ApiError } from '$lib/api';
import { refusalText, sectionsOf } from '$lib/projects';
import type { Project, ProjectSections, SectionKey } from '$lib/api/types';
import { client, ok } from '$lib/api/client';

type SectionPatch = Partial<Record<SectionKey, Record<string, string>>>;
interface Patch {
  name?: string;
  sections?: SectionPatch;
}

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

/** `later` wins over `earlier`, field by field. */
export function mergePatch(earlier: Patch, later: Patch): Patch {
  const out: Patch = { ...earlier, ...('name' in later ? { name: later.name } : {}) };
  if (earlier.sections || later.sections) {
    const sections: SectionPatch = {};
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local set of keys, not state
    for (const key of new Set([...Object.keys(earlier.sections ?? {}), ...Object.keys(later.sections ?? {})]) as Set<SectionKey>) {
      sections[key] = { ...earlier.sections?.[key], ...later.sections?.[key] };
    }
    out.sections = sections;
  }
  return out;
}

export function isEmpty(patch: Patch): boolean {
  return !('name' in patch) && Object.keys(patch.sections ?? {}).length === 0;
}

export class ProjectEditor {
  project = $state() as Project;
  name = $state('');
  sections = $state() as ProjectSections;
  saveState = $state<SaveState>('saved');
  /** Why the last save failed (shown next to the save status). */
  saveError = $state('');
  /** Messages keyed by "name" or "sections.<section>.<field>" from the last failed save. */
  fieldErrors = $state<Record<string, string>>({});
  /** Set when someone else's save won (VERSION_CONFLICT) and the latest content was loaded. */
  conflict = $state('');
  savedAt = $state<string | null>(null);

  #dirty: Patch = {};
  #timer: ReturnType<typeof setTimeout> | undefined;
  #busy: Promise<unknown> | null = null;
  readonly #delay: number;

  constructor(project: Project, delay = 800) {
    this.#delay = delay;
    this.#load(project);
  }

  #load(project: Project) {
    this.project = project;
    this.name = project.name;
    this.sections = sectionsOf(project.sections);
    this.savedAt = project.updatedAt;
  }

  /** True while typed text has not reached the server. */
  get unsaved(): boolean {
    return this.saveState !== 'saved';
  }

  setField(section: SectionKey, field: string, value: string) {
    (this.sections[section] as Record<string, string>)[field] = value;
    this.#dirty = mergePatch(this.#dirty, { sections: { [section]: { [field]: value } } });
    this.#clearError(`sections.${section}.${field}`);
    this.#schedule();
  }

  setName(value: string) {
    this.name = value;
    this.#dirty = mergePatch(this.#dirty, { name: value.trim() });
    this.#clearError('name');
    this.#schedule();
  }

  #clearError(key: string) {
    if (key in this.fieldErrors) {
      const { [key]: _, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  }

  #schedule() {
    this.saveState = 'pending';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#delay);
  }

  async #idle() {
    while (this.#busy) await this.#busy.catch(() => undefined);
  }

  /** Saves everything typed so far; true when it all reached the server. */
  async flush(): Promise<boolean> {
    clearTimeout(this.#timer);
    await this.#idle();
    if (isEmpty(this.#dirty)) return this.saveState !== 'error';
    const patch = this.#dirty;
    this.#dirty = {};
    this.saveState = 'saving';
    const run = this.#send(patch);
    this.#busy = run;
    try {
      await run;
    } finally {
      this.#busy = null;
    }
    if ((this.saveState as SaveState) === 'error') return false;
    return isEmpty(this.#dirty) ? true : this.flush();
  }

  async #send(patch: Patch) {
    try {
      const next = await ok(
        client.PATCH('/api/projects/{id}', {
          params: { path: { id: this.project.id } },
          body: { ...patch, version: this.project.version },
        }),
      );
      this.project = next;
      this.savedAt = next.updatedAt;
      this.saveError = '';
      this.conflict = '';
      this.saveState = isEmpty(this.#dirty) ? 'saved' : 'pending';
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
        await this.#reloadAfterConflict(patch);
        return;
      }
      this.#dirty = mergePatch(patch, this.#dirty);
      this.saveState = 'error';
      const fields = error instanceof ApiError ? Object.keys(error.fieldErrors).length : 0;
      // Field errors are shown under their fields; the status line only points at them.
      this.saveError = fields ? `有 ${fields} 处内容不符合要求，请按标注修改后自动保存` : refusalText(error);
      if (error instanceof ApiError) this.fieldErrors = { ...this.fieldErrors, ...error.fieldErrors };
    }
  }

  async #reloadAfterConflict(lost: Patch) {
    this.#dirty = {};
    clearTimeout(this.#timer);
    try {
      this.#load(await ok(client.GET('/api/projects/{id}', { params: { path: { id: this.project.id } } })));
      this.saveState = 'saved';
      this.saveError = '';
      this.fieldErrors = {};
      const fields = Object.values(lost.sections ?? {}).reduce((n, s) => n + Object.keys(s).length, 0) + ('name' in lost ? 1 : 0);
      this.conflict = `申报书刚刚被队友（或您在其他窗口中）修改，已为您载入最新内容。您最后修改的 ${fields} 处内容未能保存，请核对后重新填写。`;
    } catch (error) {
      this.saveState = 'error';
      this.saveError = `申报书已被他人修改，且无法载入最新内容：${refusalText(error)}。请刷新页面。`;
    }
  }

  /** Retries a failed save. */
  retry(): Promise<boolean> {
    return this.flush();
  }

  /**
   * Runs an action that answers with the project (submit, withdraw) after saving what was
   * typed; refuses while the text cannot be saved.
   */
  async act(action: () => Promise<Project>): Promise<Project> {
    if (!(await this.flush())) throw new Error(`申报书有未保存的修改（${this.saveError || '保存失败'}），请先处理后再试`);
    await this.#idle();
    const run = action();
    this.#busy = run;
    try {
      const next = await run;
      this.project = next;
      if (next.name !== this.name && isEmpty(this.#dirty)) this.name = next.name;
      return next;
    } finally {
      this.#busy = null;
    }
  }

  /**
   * Refreshes the project after a change made elsewhere (a material uploaded or deleted)
   * without touching the text being typed.
   */
  async refresh(): Promise<void> {
    await this.#idle();
    const run = ok(client.GET('/api/projects/{id}', { params: { path: { id: this.project.id } } }));
    this.#busy = run;
    try {
      this.project = await run;
    } finally {
      this.#busy = null;
    }
  }

  /** Stops the pending autosave timer (the page is being left). */
  dispose() {
    clearTimeout(this.#timer);
  }
}
