// Preloaded into the shared fan-out script (`node --import ./fanout-verify.mjs fanout.mjs`), which
// is kept verbatim. That script registers members and accepts their invitations straight away;
// the platform only lets an account that has proved its e-mail address accept (issue 11). A user
// would click the link in the verification e-mail; here, once `/auth/register` answers, the
// bench marks the new address verified in its own database before the script goes on.
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const res = await realFetch(input, init);
  const url = typeof input === 'string' ? input : input.url;
  if (res.ok && url.endsWith('/auth/register') && typeof init?.body === 'string') {
    const { email } = JSON.parse(init.body);
    await pool.query(`UPDATE users SET email_verified_at = now() WHERE lower(email) = lower($1)`, [email]);
  }
  return res;
};
process.once('exit', () => void pool.end());
