/** The budget range being typed on the search page (万元 in the inputs, yuan in the URL and the API). */
import { untrack } from 'svelte';
import { wanInputOf, yuanFromWan } from '$lib/format';
import type { SearchState } from '$lib/search';

const BUDGET_MS = 600;

/** Create it while a component initialises (it follows the URL's budget with an effect). */
export class BudgetDraft {
  minInput = $state('');
  maxInput = $state('');
  localError = $state('');
  #syncedMin: number | null;
  #syncedMax: number | null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param search the page's search (from the URL)
   * @param apply sends a new range to the URL
   * @param remove removes the range from the URL
   */
  constructor(
    private search: () => SearchState,
    private apply: (min: number | null, max: number | null) => void,
    private remove: () => void,
  ) {
    const s = untrack(search);
    this.minInput = wanInputOf(s.budgetMin);
    this.maxInput = wanInputOf(s.budgetMax);
    this.#syncedMin = s.budgetMin;
    this.#syncedMax = s.budgetMax;

    $effect(() => {
      const min = search().budgetMin;
      const max = search().budgetMax;
      if (min !== this.#syncedMin || max !== this.#syncedMax) {
        // The URL changed under us (back button, a link): show its range.
        clearTimeout(this.#timer);
        this.#syncedMin = min;
        this.#syncedMax = max;
        this.minInput = wanInputOf(min);
        this.maxInput = wanInputOf(max);
        this.localError = '';
      }
    });
  }

  commit = () => {
    clearTimeout(this.#timer);
    const min = yuanFromWan(this.minInput);
    const max = yuanFromWan(this.maxInput);
    if (Number.isNaN(min) || Number.isNaN(max)) {
      this.localError = '请输入不小于 0 的金额（万元，最多 4 位小数）';
      return;
    }
    this.localError = '';
    const s = this.search();
    if (min === s.budgetMin && max === s.budgetMax) return;
    this.#syncedMin = min;
    this.#syncedMax = max;
    this.apply(min, max);
  };

  input = (which: 'min' | 'max', input: HTMLInputElement) => {
    // A number input reports '' for text it cannot read: keep that visible as an error.
    const text = input.validity.badInput ? 'x' : input.value;
    if (which === 'min') this.minInput = text;
    else this.maxInput = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.commit, BUDGET_MS);
  };

  clear = () => {
    this.minInput = '';
    this.maxInput = '';
    this.localError = '';
    this.#syncedMin = null;
    this.#syncedMax = null;
    clearTimeout(this.#timer);
    this.remove();
  };

  dispose() {
    clearTimeout(this.#timer);
  }
}
