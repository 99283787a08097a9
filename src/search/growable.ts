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

  static from<T extends TypedArray>(ctor: Ctor<T>, values: T): Growable<T> {
    const g = new Growable(ctor, Math.max(1024, values.length));
    g.data.set(values as never);
    g.length = values.length;
    return g;
  }

  push(v: number): number {
    if (this.length === this.data.length) this.reserve(this.length * 2);
    this.data[this.length] = v;
    return this.length++;
  }

  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new this.ctor(n);
    next.set(this.data as never);
    this.data = next;
  }

  /** The filled part (a view, not a copy). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
