/** Integration tests need PostgreSQL too: XZ_TEST_DATABASE_URL, else an embedded server (owned by the infra work). */
export default async function setup(): Promise<void | (() => Promise<void>)> {}
