import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportIncident } from './support/incidents';
import {
  createGroup,
  createOrganisation,
  createTestApp,
  expectProblem,
  registerUser,
  TestApp,
  TestUser,
} from './support/test-app';

// The optional malware scan against a real clamd (Debian's clamav-daemon). Its signatures cannot be
// downloaded here, so clamd runs with a database of one signature: the EICAR test file's hash.
const CLAMD = '/usr/sbin/clamd';
const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`clamd did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

(existsSync(CLAMD) ? describe : describe.skip)(
  'attachments: ClamAV scan (clamd with the EICAR signature)',
  () => {
    let t: TestApp;
    let clamd: ChildProcess;
    let dir: string;
    let user: TestUser;
    let incidentId: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'rt-clamd-'));
      mkdirSync(join(dir, 'db'));
      const md5 = createHash('md5').update(EICAR).digest('hex');
      writeFileSync(join(dir, 'db', 'eicar.hdb'), `${md5}:${EICAR.length}:Roundtable-Test.EICAR\n`);
      const port = await freePort();
      writeFileSync(
        join(dir, 'clamd.conf'),
        [
          `DatabaseDirectory ${join(dir, 'db')}`,
          `TCPSocket ${port}`,
          'TCPAddr 127.0.0.1',
          'Foreground yes',
          `LogFile ${join(dir, 'clamd.log')}`,
          'StreamMaxLength 30M',
          '',
        ].join('\n'),
      );
      clamd = spawn(CLAMD, ['-c', join(dir, 'clamd.conf')], { stdio: 'ignore' });
      await waitForPort(port);
      t = await createTestApp({
        DATA_DIR: join(dir, 'data'),
        CLAMAV_HOST: '127.0.0.1',
        CLAMAV_PORT: String(port),
      });
      user = await registerUser(t, 'scanner');
      const org = (await createOrganisation(t, user, 'civil_society', 'Scan NGO')).id;
      const groupId = (await createGroup(t, user, org)).id;
      incidentId = (await reportIncident(t, user, groupId)).id;
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      if (clamd && clamd.exitCode === null) clamd.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    });

    const upload = (bytes: Buffer, filename: string) =>
      t
        .api()
        .post(`/api/v1/incidents/${incidentId}/attachments`)
        .set(user.auth)
        .attach('file', bytes, { filename });

    it('stores a clean file and refuses the EICAR test file (422, nothing stored)', async () => {
      expect((await upload(Buffer.from('clean minutes\n'), 'clean.txt')).status).toBe(201);
      const infected = await upload(EICAR, 'eicar.txt');
      expectProblem(infected, 422);
      const [row] = await t.ds.query(
        `SELECT count(*)::int AS n FROM attachments WHERE file_name = 'eicar.txt'`,
      );
      expect(row.n).toBe(0);
    });

    it('answers 503 while the scanner is down', async () => {
      clamd.kill('SIGTERM');
      await new Promise((r) => clamd.once('exit', r));
      expectProblem(await upload(Buffer.from('clean minutes\n'), 'later.txt'), 503);
    });
  },
);
