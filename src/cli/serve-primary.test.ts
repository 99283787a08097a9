import { describe, expect, it } from 'vitest';
import { leastConnections, primaryWorkers, workerExecArgv } from './serve-primary.js';

const argv = (...args: string[]) => ['node', 'main.js', ...args];

describe('serve --workers primary', () => {
  it('is taken for serve with two or more workers, in either option form', () => {
    expect(primaryWorkers(argv('serve', '--workers', '2'))).toBe(2);
    expect(primaryWorkers(argv('serve', '--port', '9000', '--workers=4'))).toBe(4);
  });

  it('leaves everything else to the full command line, which reports bad counts', () => {
    expect(primaryWorkers(argv('serve'))).toBeNull();
    expect(primaryWorkers(argv('serve', '--workers', '1'))).toBeNull();
    expect(primaryWorkers(argv('serve', '--workers', 'two'))).toBeNull();
    expect(primaryWorkers(argv('serve', '--workers', '65'))).toBeNull();
    expect(primaryWorkers(argv('kb', 'stats', '--workers', '2'))).toBeNull();
  });

  it('hands a connection to the worker with the fewest open ones, the first on a tie', () => {
    expect(leastConnections(new Map())).toBeUndefined();
    expect(leastConnections(new Map([[1, 0], [2, 0]]))).toBe(1);
    expect(leastConnections(new Map([[1, 3], [2, 1], [3, 2]]))).toBe(2);
    expect(leastConnections(new Map([[1, 2], [2, 4], [3, 2]]))).toBe(1);
  });

  it("starts workers with the memory settings, an operator's own setting of the same name winning", () => {
    expect(workerExecArgv([])).toEqual(['--max-semi-space-size=4', '--heap-growing-percent=20']);
    expect(workerExecArgv(['--max-semi-space-size=16', '--enable-source-maps'])).toEqual(['--max-semi-space-size=16', '--enable-source-maps', '--heap-growing-percent=20']);
    expect(workerExecArgv(['--heap_growing_percent=50'])).toEqual(['--heap_growing_percent=50', '--max-semi-space-size=4']);
    expect(workerExecArgv(['--max-semi-space-size', '8'])).toEqual(['--max-semi-space-size', '8', '--heap-growing-percent=20']);
  });
});
