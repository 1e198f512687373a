import pg from 'pg';

/** Checks the PostgreSQL test server once, and says plainly when the PostgreSQL half is skipped. */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log(
      '\n[onewindow] TEST_DATABASE_URL is not set: database tests run on PGlite only; the PostgreSQL half is SKIPPED.\n',
    );
    return;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    console.log(`\n[onewindow] database tests run on PGlite and on PostgreSQL ${rows[0]?.server_version}.\n`);
  } catch (e) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is not reachable: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}
