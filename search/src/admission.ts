/**
 * At most `limit` tasks at a time, the others waiting in arrival order. Searches are CPU
 * work in PostgreSQL: with more running at once than there are cores, they only share the
 * cores (each one slower, and the slowest far slower) and trade caches; queued in order,
 * a search waits for the ones ahead and then runs at full speed.
 */
export class Admission {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // the slot passes straight to the next in line
      if (next) next();
      else this.running -= 1;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}
