/**
 * Balanced edge colouring of a bipartite multigraph (König, de Werra).
 *
 * A bipartite graph of maximum degree Δ can be properly edge-coloured with any C ≥ Δ colours
 * (König): colour edge by edge and, when the free colours α at u and β at v differ, swap α/β
 * along the alternating path that starts at v — in a bipartite graph it never reaches u.
 * The colouring can then be made equitable (class sizes differ by at most one, de Werra):
 * while a class c is at least two larger than a class d, the c/d edges form paths and even
 * cycles and at least one path has one more c edge than d edges; swapping its colours moves
 * one edge from c to d and keeps the colouring proper.
 */

export interface BipartiteEdges {
  /** Number of nodes; node ids are 0..nodes−1 (the two sides share the numbering). */
  nodes: number;
  /** Endpoints of each edge; u on one side, v on the other. */
  u: Int32Array | number[];
  v: Int32Array | number[];
}

/** Returns each edge's colour in 0..colours−1. Throws if some node has more than `colours` edges. */
export function colourBipartiteEdges(graph: BipartiteEdges, colours: number): Int32Array {
  const { nodes, u, v } = graph;
  const m = u.length;
  const colourOf = new Int32Array(m).fill(-1);
  if (m === 0) return colourOf;
  const degree = new Int32Array(nodes);
  for (let e = 0; e < m; e++) {
    degree[u[e]]++;
    degree[v[e]]++;
  }
  for (let x = 0; x < nodes; x++) {
    if (degree[x] > colours) throw new Error(`node ${x} has ${degree[x]} edges, more than ${colours} colours`);
  }
  // at[x * colours + c] = the edge of colour c at node x, or −1.
  const at = new Int32Array(nodes * colours).fill(-1);
  const freeAt = (x: number): number => {
    const base = x * colours;
    for (let c = 0; c < colours; c++) if (at[base + c] === -1) return c;
    throw new Error('no free colour'); // unreachable: degree ≤ colours
  };
  const other = (e: number, x: number): number => (u[e] === x ? v[e] : u[e]);
  const path: number[] = [];

  for (let e = 0; e < m; e++) {
    const a = u[e];
    const b = v[e];
    const alpha = freeAt(a);
    if (at[b * colours + alpha] !== -1) {
      const beta = freeAt(b);
      // Collect the alpha/beta alternating path from b (it starts with an alpha edge).
      path.length = 0;
      let x = b;
      let c = alpha;
      while (at[x * colours + c] !== -1) {
        const f = at[x * colours + c];
        path.push(f);
        x = other(f, x);
        c = c === alpha ? beta : alpha;
      }
      for (const f of path) {
        at[u[f] * colours + colourOf[f]] = -1;
        at[v[f] * colours + colourOf[f]] = -1;
      }
      for (const f of path) {
        const nc = colourOf[f] === alpha ? beta : alpha;
        colourOf[f] = nc;
        at[u[f] * colours + nc] = f;
        at[v[f] * colours + nc] = f;
      }
    }
    colourOf[e] = alpha;
    at[a * colours + alpha] = e;
    at[b * colours + alpha] = e;
  }

  balanceColours(graph, colours, colourOf, at);
  return colourOf;
}

/** de Werra's balancing: make colour class sizes differ by at most one (in place). */
function balanceColours(graph: BipartiteEdges, colours: number, colourOf: Int32Array, at: Int32Array): void {
  const { nodes, u, v } = graph;
  const size = new Int32Array(colours);
  for (const c of colourOf) size[c]++;
  const other = (e: number, x: number): number => (u[e] === x ? v[e] : u[e]);
  const path: number[] = [];
  const tried = new Uint8Array(nodes);
  for (;;) {
    let big = 0;
    let small = 0;
    for (let c = 1; c < colours; c++) {
      if (size[c] > size[big]) big = c;
      if (size[c] < size[small]) small = c;
    }
    if (size[big] - size[small] <= 1) return;
    // A path component of the big/small subgraph with more big edges starts and ends at nodes
    // that have a big edge and no small edge.
    tried.fill(0);
    let swapped = false;
    for (let start = 0; start < nodes && !swapped; start++) {
      if (tried[start] || at[start * colours + big] === -1 || at[start * colours + small] !== -1) continue;
      path.length = 0;
      let x = start;
      let c = big;
      while (at[x * colours + c] !== -1) {
        const f = at[x * colours + c];
        path.push(f);
        x = other(f, x);
        c = c === big ? small : big;
      }
      tried[x] = 1;
      if (path.length % 2 === 0) continue; // as many big as small edges
      for (const f of path) {
        at[u[f] * colours + colourOf[f]] = -1;
        at[v[f] * colours + colourOf[f]] = -1;
      }
      for (const f of path) {
        const nc = colourOf[f] === big ? small : big;
        colourOf[f] = nc;
        at[u[f] * colours + nc] = f;
        at[v[f] * colours + nc] = f;
      }
      size[big]--;
      size[small]++;
      swapped = true;
    }
    if (!swapped) throw new Error('balancing found no path'); // unreachable by de Werra's argument
  }
}
