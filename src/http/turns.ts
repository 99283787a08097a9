/**
 * Turns for CPU-bound requests: a search at 2M entries is ~7 ms of synchronous work.
 *
 * Run inline, in the callback that read them, such requests are served in the order the
 * kernel reports their sockets ready, and that order is not the order they arrived in: libuv
 * polls epoll level-triggered, and a socket reported by one poll keeps its place in the ready
 * list, so the connections answered in the last round are read first again, ahead of
 * connections whose requests have waited longer. Measured at 2M entries with 8 keep-alive
 * connections on two workers: on each worker two connections averaged ~25 ms and the other two
 * ~35 ms (p95 49–50 ms).
 *
 * With turns — one request per event-loop iteration, first read first served — every poll
 * between two requests reads what arrived during the last one, so requests are served in
 * arrival order to within one request: all connections ~29 ms, p95 42–45 ms, same throughput
 * (docs/search.md, Serving).
 */
export class Turns {
  private waiting: (() => void)[] = [];
  private scheduled = false;

  /**
   * Resolves when it is the caller's turn. The caller's synchronous work after the `await`
   * runs before the next turn is given (in a later event-loop iteration).
   */
  take(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.next);
      }
    });
  }

  private readonly next = (): void => {
    this.scheduled = false;
    const go = this.waiting.shift();
    // the next turn in the next iteration's check phase, after its poll has read the sockets
    if (this.waiting.length > 0) {
      this.scheduled = true;
      setImmediate(this.next);
    }
    go?.();
  };
}
