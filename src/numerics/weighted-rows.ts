/**
 * Rows of a fixed number of keys with a weight, merged into distinct rows (equal keys: weights
 * summed) as they are added, through an open-addressing hash table on typed arrays. Memory is about
 * 8 * (keys + 1) bytes per distinct row plus 8 to 16 bytes of table: a few times less than a map of
 * row objects (a customer population at 1M held three such maps: about 400 MB of heap in Map
 * entries and boxed numbers, against about 70 MB here). Each addition costs O(1), never a sort of
 * everything so far: accumulating runs on the thread that answers requests, where a sort of a
 * million rows would hold it for a second. Keys compare as numbers (0 and -0 are one key).
 */
export class WeightedRows {
  private readonly stride: number;
  /** Distinct rows in the order they first appeared: keys, then weight. */
  private data: Float64Array;
  private distinct = 0;
  private total = 0;
  /** Row index + 1 per slot, 0 when free; at most half full. */
  private slots: Int32Array;
  private readonly bits = new Float64Array(1);
  private readonly words = new Uint32Array(this.bits.buffer);

  /** `keys`: 1 to 3. */
  constructor(private readonly keys: 1 | 2 | 3, initialRows = 4096) {
    this.stride = keys + 1;
    const rows = Math.max(2, initialRows);
    this.data = new Float64Array(rows * this.stride);
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(rows * 2)));
  }

  /** Adds one row of up to three keys (those past `keys` are ignored) and its weight. No check: callers validate. */
  push(weight: number, k0: number, k1 = 0, k2 = 0): void {
    // + 0 turns -0 into 0.
    const a = k0 + 0;
    const b = this.keys > 1 ? k1 + 0 : 0;
    const c = this.keys > 2 ? k2 + 0 : 0;
    this.total += weight;
    const { data, slots, stride, keys } = this;
    const mask = slots.length - 1;
    for (let slot = this.hash(a, b, c) & mask; ; slot = (slot + 1) & mask) {
      const held = slots[slot];
      if (held === 0) break;
      const at = (held - 1) * stride;
      if (data[at] === a && (keys < 2 || data[at + 1] === b) && (keys < 3 || data[at + 2] === c)) {
        data[at + keys] += weight;
        return;
      }
    }
    this.append(a, b, c, weight);
  }

  /** Sum of the weights added. */
  get weight(): number {
    return this.total;
  }

  /** Distinct rows so far. */
  get size(): number {
    return this.distinct;
  }

  /**
   * A copy of the distinct rows, each as its keys then its weight (`keys + 1` numbers per row), in
   * the order they first appeared (not sorted: sort them where that costs nobody, e.g. on a worker
   * thread). The form in which they cross to a worker thread without copying objects.
   */
  packed(): Float64Array {
    return this.data.slice(0, this.distinct * this.stride);
  }

  private append(a: number, b: number, c: number, weight: number): void {
    if ((this.distinct + 1) * this.stride > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const at = this.distinct * this.stride;
    this.data[at] = a;
    if (this.keys > 1) this.data[at + 1] = b;
    if (this.keys > 2) this.data[at + 2] = c;
    this.data[at + this.keys] = weight;
    this.distinct++;
    if (this.distinct * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.distinct - 1);
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let i = 0; i < this.distinct; i++) this.place(i);
  }

  /** Puts row `i` (known to be absent) into the first free slot of its probe sequence. */
  private place(i: number): void {
    const at = i * this.stride;
    const { data, slots } = this;
    const mask = slots.length - 1;
    let slot = this.hash(data[at], this.keys > 1 ? data[at + 1] : 0, this.keys > 2 ? data[at + 2] : 0) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
  }

  /** A 32-bit hash of the keys' bit patterns (multiply-xor mixing of each 32-bit half). */
  private hash(a: number, b: number, c: number): number {
    const { bits, words } = this;
    let h = 0x811c9dc5;
    bits[0] = a;
    h = Math.imul(Math.imul(h ^ words[0], 0x9e3779b1) ^ words[1], 0x85ebca77);
    bits[0] = b;
    h = Math.imul(Math.imul(h ^ words[0], 0x9e3779b1) ^ words[1], 0x85ebca77);
    bits[0] = c;
    h = Math.imul(Math.imul(h ^ words[0], 0x9e3779b1) ^ words[1], 0x85ebca77);
    return (h ^ (h >>> 15)) >>> 0;
  }
}
