import { describe, expect, it } from 'vitest';
import { isEmpty, mergePatch } from './editor.svelte';

describe('application editor: pending changes', () => {
  it('merges typed changes field by field, the later one winning', () => {
    const a = mergePatch({}, { sections: { overview: { background: 'a' } } });
    const b = mergePatch(a, { sections: { overview: { industry: 'steel' }, value: { cases: 'c' } } });
    const c = mergePatch(b, { sections: { overview: { background: 'a2' } }, name: '项目' });
    expect(c).toEqual({ name: '项目', sections: { overview: { background: 'a2', industry: 'steel' }, value: { cases: 'c' } } });
  });

  it('keeps an earlier name when a later change touches only sections, and knows an empty patch', () => {
    expect(mergePatch({ name: 'n' }, { sections: { team: { experience: 'x' } } }).name).toBe('n');
    expect(isEmpty({})).toBe(true);
    expect(isEmpty({ sections: {} })).toBe(true);
    expect(isEmpty({ name: '' })).toBe(false);
  });
});
