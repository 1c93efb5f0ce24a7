import { describe, expect, it } from 'vitest';
import { materialCategories, sectionFields } from '@jb/api/modules/projects/projects.schemas.ts';

// Loaded by path at run time: the web's modules are type-checked by svelte-check with the web's own settings.
const webLib = (file: string) => new URL(`../../web/src/lib/${file}`, import.meta.url).href;
const { sectionDefs, requiredMaterials } = (await import(webLib('projects.ts'))) as {
  sectionDefs: { key: string; title: string; fields: { key: string; label: string; max: number }[] }[];
  requiredMaterials: readonly string[];
};
const { materialCategoryLabels } = (await import(webLib('labels.ts'))) as { materialCategoryLabels: Record<string, string> };

// The editor shows the application with hints and sizes of its own; the API holds the
// rules. These must not drift apart: a field the API requires but the editor lacks
// could never be filled in.
describe('the web editor and the API agree', () => {
  it('on the application sections, their fields, labels and maximum lengths', () => {
    const fromApi = Object.entries(sectionFields).map(([key, s]) => ({
      key,
      title: s.label,
      fields: Object.entries(s.fields as Record<string, readonly [string, number]>).map(([f, [label, max]]) => ({ key: f, label, max })),
    }));
    const fromWeb = sectionDefs.map((s) => ({ key: s.key, title: s.title, fields: s.fields.map((f) => ({ key: f.key, label: f.label, max: f.max })) }));
    expect(fromWeb).toEqual(fromApi);
  });

  it('on the material categories and which are required', () => {
    expect(Object.keys(materialCategoryLabels).sort()).toEqual(Object.keys(materialCategories).sort());
    for (const [key, c] of Object.entries(materialCategories)) expect(materialCategoryLabels[key]).toBe(c.label);
    expect([...requiredMaterials]).toEqual(Object.entries(materialCategories).filter(([, c]) => c.required).map(([k]) => k));
  });
});
