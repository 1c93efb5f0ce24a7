// Fit of an expert to an assignment item, 0..1 (issue 11).
//
//   fit = 0.4 × track + 0.6 × fields        (rounded to 3 decimals)
//
// track  = 1 when the item's track is one of the expert's tracks, 0.5 for a generalist
//          (no tracks listed), 0 otherwise (only reachable with allowCrossTrack).
// fields = how well the expert's fields of expertise cover the item's terms. Chinese has
//          no spaces, so two phrases are compared by the Dice coefficient of their
//          character bigrams (a one-character phrase is its own unigram; Latin words are
//          lower-cased and count as one unit each, so "AI" ≈ "ai"):
//              sim(f, t) = 2 |B(f) ∩ B(t)| / (|B(f)| + |B(t)|)       (1 for equal phrases)
//          For each item term t, best(t) = max over the expert's fields of sim(f, t); then
//              fields = 0.5 × max_t best(t) + 0.5 × mean_t best(t)
//          i.e. half "is there one strong match", half "how much of the text is covered".
//          No terms or no fields give 0.
// Pure and deterministic; sims are cached per (field, term) string pair because the
// same vocabulary repeats across thousands of items.

import type { AssignmentExpert, AssignmentItem } from './assignment-types.ts';

export const TRACK_WEIGHT = 0.4;
export const FIELD_WEIGHT = 0.6;

const unitCache = new Map<string, string[]>();
const simCache = new Map<string, Map<string, number>>();
const CACHE_LIMIT = 200_000;

/** Units of a phrase: CJK characters one by one, Latin/digit runs as one lower-cased word. */
function units(phrase: string): string[] {
  const cached = unitCache.get(phrase);
  if (cached) return cached;
  const out: string[] = [];
  const re = /[a-z0-9]+|[^\sa-z0-9\p{P}\p{S}]/gu;
  for (const m of phrase.normalize('NFKC').toLowerCase().matchAll(re)) out.push(m[0]);
  if (unitCache.size > CACHE_LIMIT) unitCache.clear();
  unitCache.set(phrase, out);
  return out;
}

/** Set of bigrams (consecutive unit pairs); a one-unit phrase gives its unigram. */
export function bigrams(phrase: string): Set<string> {
  const u = units(phrase);
  const set = new Set<string>();
  if (u.length === 1) set.add(u[0]!);
  for (let i = 0; i + 1 < u.length; i++) set.add(`${u[i]}\u0001${u[i + 1]}`);
  return set;
}

/** Dice similarity of two phrases on character bigrams, 0..1. */
export function phraseSimilarity(a: string, b: string): number {
  let row = simCache.get(a);
  if (!row) {
    if (simCache.size > CACHE_LIMIT) simCache.clear();
    row = new Map();
    simCache.set(a, row);
  }
  const cached = row.get(b);
  if (cached !== undefined) return cached;
  let sim: number;
  const ua = units(a).join('\u0001');
  const ub = units(b).join('\u0001');
  if (ua.length === 0 || ub.length === 0) sim = 0;
  else if (ua === ub) sim = 1;
  else {
    const ba = bigrams(a);
    const bb = bigrams(b);
    let common = 0;
    for (const g of ba) if (bb.has(g)) common++;
    sim = (2 * common) / (ba.size + bb.size);
  }
  row.set(b, sim);
  return sim;
}

export function trackMatch(item: AssignmentItem, expert: AssignmentExpert): number {
  if (expert.trackIds.length === 0) return 0.5;
  return expert.trackIds.includes(item.trackId) ? 1 : 0;
}

export function fieldMatch(item: AssignmentItem, expert: AssignmentExpert): number {
  if (item.terms.length === 0 || expert.fields.length === 0) return 0;
  let max = 0;
  let sum = 0;
  for (const t of item.terms) {
    let best = 0;
    for (const f of expert.fields) {
      const s = phraseSimilarity(f, t);
      if (s > best) best = s;
    }
    if (best > max) max = best;
    sum += best;
  }
  return 0.5 * max + 0.5 * (sum / item.terms.length);
}

export function fitScore(item: AssignmentItem, expert: AssignmentExpert): number {
  const fit = TRACK_WEIGHT * trackMatch(item, expert) + FIELD_WEIGHT * fieldMatch(item, expert);
  return Math.round(fit * 1000) / 1000;
}

const STOP = /[\s\p{P}\p{S}的和与及或在对为将把被从向于以等中了是有]+/u;

/** Terms of a free Chinese text (a project's or sub-topic's title, summary, keywords) for
 *  AssignmentItem.terms: split at punctuation, spaces and common function characters
 *  (的 和 与 及 …); pieces longer than 6 characters are cut into 4-character chunks so that
 *  a long clause does not dilute the bigram comparison. Deduplicated, in order of first
 *  appearance, at most `max`. */
export function termsFromText(text: string, max = 30): string[] {
  const out = new Set<string>();
  for (const piece of text.normalize('NFKC').split(STOP)) {
    const chars = [...piece];
    if (chars.length < 2) continue;
    if (chars.length <= 6) out.add(piece);
    else
      for (let k = 0; k < chars.length; k += 4) {
        const chunk = chars.slice(k, k + 4).join('');
        if ([...chunk].length >= 2) out.add(chunk);
      }
    if (out.size >= max) break;
  }
  return [...out].slice(0, max);
}
