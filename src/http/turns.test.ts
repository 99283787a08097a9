import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Turns } from './turns.js';

describe('Turns', () => {
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const c of closers.splice(0)) c();
  });

  it('gives turns in the order they were asked for', async () => {
    const turns = new Turns();
    const order: string[] = [];
    await Promise.all(['a', 'b', 'c', 'd'].map(async (name) => {
      await turns.take();
      order.push(name);
    }));
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lets the server read the data that arrived during one turn before it gives the next', async () => {
    // a request that arrives while another is being served must be read (and queued) before
    // the next waiting request runs: that is what keeps the queue in arrival order
    const server = net.createServer();
    const log: string[] = [];
    const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    closers.push(() => client.destroy());
    const socket = await accepted;
    closers.push(() => socket.destroy());
    socket.on('data', () => log.push('data'));
    await new Promise<void>((resolve) => (client.writable ? resolve() : client.once('connect', () => resolve())));

    const turns = new Turns();
    await Promise.all([
      turns.take().then(() => {
        log.push('first');
        client.write('x');
        // synchronous work, as a search is: the bytes reach the server's socket meanwhile
        const until = Date.now() + 20;
        while (Date.now() < until);
      }),
      turns.take().then(() => log.push('second')),
    ]);
    expect(log).toEqual(['first', 'data', 'second']);
  });
});
