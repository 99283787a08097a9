import { describe, expect, it } from 'vitest';
import { primaryWorkers } from './serve-primary.js';

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
});
