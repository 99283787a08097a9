/** Typed arrays that grow by doubling: column storage for per-document and per-passage data. */
type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array | Float32Array;
type Ctor<T extends TypedArray> = { new (n: number): T };

export class Growable<T extends TypedArray> {
  data: T;
  length = 0;

  constructor(
    private readonly ctor: Ctor<T>,
    initial = 1024,
  ) {
    this.data = new ctor(initial);
  }

  /** Wraps `values` (not copied: the array is owned by the Growable from now on). */
  static from<T extends TypedArray>(ctor: Ctor<T>, values: T): Growable<T> {
    const g = new Growable(ctor, 0);
    g.data = values;
    g.length = values.length;
    return g;
  }

  push(v: number): number {
    if (this.length === this.data.length) this.reserve(Math.max(16, this.length * 2));
    this.data[this.length] = v;
    return this.length++;
  }

  /** Makes room for `n` values (at least doubling, so growing one by one stays linear). */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new this.ctor(Math.max(n, this.data.length * 2));
    next.set(this.data as never);
    this.data = next;
  }

  /** Appends `n` copies of `v`. */
  fill(v: number, n: number): void {
    this.reserve(this.length + n);
    this.data.fill(v, this.length, this.length + n);
    this.length += n;
  }

  /** Drops spare capacity (after a build, before the arrays live on for good). */
  trim(): void {
    if (this.data.length > this.length + 1024) this.data = this.data.slice(0, this.length) as T;
  }

  /** The filled part (a view, not a copy). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
