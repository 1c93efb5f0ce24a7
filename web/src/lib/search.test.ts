import { describe, expect, it } from 'vitest';
import { apiQueryString, emptySearchState, hasFilters, markParts, parseSearchState, searchHref, searchParams } from './search';

describe('search state in the URL', () => {
  it('reads every filter, ignores unknown values and clamps the page', () => {
    const state = parseSearchState(
      new URLSearchParams('q=数据&track=a&track=b,c&access=api&access=teleport&status=closed&budgetMin=100&budgetMax=x&sort=weird&page=-3'),
    );
    expect(state.q).toBe('数据');
    expect(state.track).toEqual(['a', 'b', 'c']);
    expect(state.access).toEqual(['api']);
    expect(state.status).toBe('closed');
    expect(state.budgetMin).toBe(100);
    expect(state.budgetMax).toBeNull();
    expect(state.sort).toBe('relevance');
    expect(state.page).toBe(1);
  });

  it('writes only what differs from the defaults, and reads back the same state', () => {
    const state = { ...emptySearchState(), q: ' 算力 ', track: ['t1', 't2'], sort: 'newest' as const, page: 3 };
    const qs = searchParams(state).toString();
    expect(qs).toBe('q=%E7%AE%97%E5%8A%9B&track=t1&track=t2&sort=newest&page=3');
    expect(parseSearchState(new URLSearchParams(qs))).toEqual({ ...state, q: '算力' });
    expect(searchHref()).toBe('/search');
  });

  it('asks for a facet without its own filter, order or page when counting it', () => {
    const state = { ...emptySearchState(), q: 'x', track: ['t1'], region: ['河北'], sort: 'newest' as const, page: 2 };
    const qs = new URLSearchParams(apiQueryString(state, { without: 'track', pageSize: 1 }));
    expect(qs.getAll('track')).toEqual([]);
    expect(qs.get('region')).toBe('河北');
    expect(qs.get('sort')).toBeNull();
    expect(qs.get('page')).toBeNull();
    expect(qs.get('pageSize')).toBe('1');
  });

  it('knows when filters narrow the search (words, sort and page do not)', () => {
    expect(hasFilters({ ...emptySearchState(), q: 'x', sort: 'newest', page: 4 })).toBe(false);
    expect(hasFilters({ ...emptySearchState(), budgetMin: 0 })).toBe(true);
  });
});

describe('markParts', () => {
  it('marks every occurrence, case-insensitively, longest term first', () => {
    expect(markParts('UDI 追溯 udi', 'udi 追溯')).toEqual([
      { text: 'UDI', mark: true },
      { text: ' ', mark: false },
      { text: '追溯', mark: true },
      { text: ' ', mark: false },
      { text: 'udi', mark: true },
    ]);
    expect(markParts('文本', '')).toEqual([{ text: '文本', mark: false }]);
  });
});
