/** Dinic's maximum flow on a small integer network; used for degree-bounded subgraphs and scheduling bounds. */
export class MaxFlow {
  private readonly head: Int32Array;
  private to: number[] = [];
  private cap: number[] = [];
  private next: number[] = [];
  private level: Int32Array;
  private iter: Int32Array;

  constructor(readonly nodes: number) {
    this.head = new Int32Array(nodes).fill(-1);
    this.level = new Int32Array(nodes);
    this.iter = new Int32Array(nodes);
  }

  /** Adds a directed edge and returns its id (the flow on it is `flowOn(id)`). */
  addEdge(from: number, to: number, capacity: number): number {
    const id = this.to.length;
    this.to.push(to, from);
    this.cap.push(capacity, 0);
    this.next.push(this.head[from], this.head[to]);
    this.head[from] = id;
    this.head[to] = id + 1;
    return id;
  }

  flowOn(edgeId: number): number {
    return this.cap[edgeId + 1];
  }

  run(source: number, sink: number): number {
    let total = 0;
    while (this.bfs(source, sink)) {
      this.iter.set(this.head);
      for (;;) {
        const pushed = this.dfs(source, sink, Number.MAX_SAFE_INTEGER);
        if (pushed === 0) break;
        total += pushed;
      }
    }
    return total;
  }

  private bfs(source: number, sink: number): boolean {
    this.level.fill(-1);
    const queue = [source];
    this.level[source] = 0;
    for (let qi = 0; qi < queue.length; qi++) {
      const v = queue[qi];
      for (let e = this.head[v]; e !== -1; e = this.next[e]) {
        const w = this.to[e];
        if (this.cap[e] > 0 && this.level[w] < 0) {
          this.level[w] = this.level[v] + 1;
          queue.push(w);
        }
      }
    }
    return this.level[sink] >= 0;
  }

  // Iterative depth-first search for one augmenting path in the level graph.
  private dfs(source: number, sink: number, limit: number): number {
    const pathEdges: number[] = [];
    let v = source;
    for (;;) {
      if (v === sink) {
        let f = limit;
        for (const e of pathEdges) f = Math.min(f, this.cap[e]);
        for (const e of pathEdges) {
          this.cap[e] -= f;
          this.cap[e ^ 1] += f;
        }
        return f;
      }
      let advanced = false;
      for (let e = this.iter[v]; e !== -1; e = this.next[e]) {
        const w = this.to[e];
        if (this.cap[e] > 0 && this.level[w] === this.level[v] + 1) {
          this.iter[v] = e;
          pathEdges.push(e);
          v = w;
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      this.iter[v] = -1;
      this.level[v] = -1; // dead end
      if (pathEdges.length === 0) return 0;
      const back = pathEdges.pop()!;
      v = this.to[back ^ 1];
      this.iter[v] = this.next[this.iter[v]] ?? -1;
    }
  }
}
