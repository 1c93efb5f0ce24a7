import { describe, expect, it } from 'vitest';
import { continueSequence } from '../../web/src/lib/chat/sequence.ts';

const msgs = (...seqs: number[]) => seqs.map((seq) => ({ seq }));

describe('continueSequence (the client keeps each message once, in order)', () => {
  it('appends the next messages, in seq order even when they arrive shuffled', () => {
    expect(continueSequence(3, msgs(5, 4, 6))).toEqual({ accepted: msgs(4, 5, 6), lastSeq: 6, gap: false });
  });
  it('drops what it already holds (a join overlapping live messages, a redelivery)', () => {
    expect(continueSequence(5, msgs(4, 5, 6, 6))).toEqual({ accepted: msgs(6), lastSeq: 6, gap: false });
    expect(continueSequence(5, msgs(1, 2))).toEqual({ accepted: [], lastSeq: 5, gap: false });
  });
  it('stops at a gap and says so, keeping what came before it', () => {
    expect(continueSequence(2, msgs(3, 5, 6))).toEqual({ accepted: msgs(3), lastSeq: 3, gap: true });
    expect(continueSequence(0, msgs(2))).toEqual({ accepted: [], lastSeq: 0, gap: true });
  });
  it('accepts nothing from nothing', () => {
    expect(continueSequence(7, [])).toEqual({ accepted: [], lastSeq: 7, gap: false });
  });
});
