/**
 * Rows of a fixed number of keys with a weight, kept in one growable Float64Array and merged into
 * distinct rows (equal keys: weights summed) by sorting whenever the buffer fills. Memory is about
 * 8 * (keys + 1) bytes per distinct row plus the rows added since the last merge: a few times less
 * than a map of row objects (a customer population at 1M held three such maps: about 400 MB of
 * heap in Map entries and boxed numbers, against about 70 MB here). Keys compare as numbers
 * (0 and -0 are one key).
 */
export class WeightedRows {
  private readonly stride: number;
  private data: Float64Array;
  private rows = 0;
  private distinct = 0;
  private total = 0;

  /** `keys`: 1 to 3. */
  constructor(private readonly keys: 1 | 2 | 3, initialRows = 4096) {
    this.stride = keys + 1;
    this.data = new Float64Array(initialRows * this.stride);
  }

  /** Adds one row of up to three keys (those past `keys` are ignored) and its weight. No check: callers validate. */
  push(weight: number, k0: number, k1 = 0, k2 = 0): void {
    if ((this.rows + 1) * this.stride > this.data.length) this.makeRoom();
    const at = this.rows * this.stride;
    const d = this.data;
    // + 0 turns -0 into 0.
    d[at] = k0 + 0;
    if (this.keys > 1) d[at + 1] = k1 + 0;
    if (this.keys > 2) d[at + 2] = k2 + 0;
    d[at + this.keys] = weight;
    this.rows++;
    this.total += weight;
  }

  /** Sum of the weights added. */
  get weight(): number {
    return this.total;
  }

  /** Distinct rows so far (merges what was added since the last merge). */
  get size(): number {
    this.merge();
    return this.distinct;
  }

  /** Calls `visit` with the keys and weight of each distinct row, in ascending key order (first key first). */
  forEach(visit: (row: Float64Array) => void): void {
    this.merge();
    for (let i = 0; i < this.distinct; i++) visit(this.data.subarray(i * this.stride, (i + 1) * this.stride));
  }

  /**
   * A copy of the distinct rows, ascending, each as its keys then its weight (`keys + 1` numbers per
   * row): the form in which they cross to a worker thread without copying objects.
   */
  packed(): Float64Array {
    this.merge();
    return this.data.slice(0, this.distinct * this.stride);
  }

  /** Merges, then grows when merging freed less than half of the buffer. */
  private makeRoom(): void {
    this.merge();
    if ((this.distinct + 1) * this.stride * 2 > this.data.length) {
      const grown = new Float64Array(Math.max(this.data.length * 2, this.stride * 16));
      grown.set(this.data.subarray(0, this.distinct * this.stride));
      this.data = grown;
    }
  }

  private merge(): void {
    // Rows are sorted and distinct up to `distinct`; nothing was added since the last merge.
    if (this.rows === this.distinct) return;
    const { stride, keys, data } = this;
    const order = new Uint32Array(this.rows);
    for (let i = 0; i < this.rows; i++) order[i] = i;
    order.sort((a, b) => {
      for (let j = 0; j < keys; j++) {
        const d = data[a * stride + j] - data[b * stride + j];
        if (d !== 0) return d < 0 ? -1 : 1;
      }
      return 0;
    });
    const out = new Float64Array(data.length);
    let n = 0;
    for (let k = 0; k < order.length; k++) {
      const from = order[k] * stride;
      const last = (n - 1) * stride;
      let same = n > 0;
      for (let j = 0; same && j < keys; j++) same = out[last + j] === data[from + j];
      if (same) out[last + keys] += data[from + keys];
      else {
        out.set(data.subarray(from, from + stride), n * stride);
        n++;
      }
    }
    this.data = out;
    this.rows = n;
    this.distinct = n;
  }
}
