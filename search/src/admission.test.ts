import { describe, expect, it } from 'vitest';
import { Admission } from './admission.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('Admission', () => {
  it('runs at most `limit` tasks at once, the others in arrival order', async () => {
    const admission = new Admission(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 7 }, (_, i) =>
      admission.run(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
        return i * 10;
      }),
    );
    expect(admission.queued).toBe(5);
    expect(await Promise.all(tasks)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(admission.queued).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const admission = new Admission(1);
    await expect(admission.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await admission.run(async () => 'next')).toBe('next');
  });
});
