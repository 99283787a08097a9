/**
 * Starting and stopping a stand-in HTTP server (e.g. a fake OpenAI-compatible model) on a free
 * local port, for tests that point the product at it.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export function localServer(server: http.Server, basePath = '/v1') {
  return {
    /** listens on 127.0.0.1 and returns the base URL to configure */
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}${basePath}`;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
