import { connect } from 'node:net';

export type ScanResult = { clean: true } | { clean: false; signature: string };

export class ScannerUnavailableError extends Error {}

const CHUNK = 64 * 1024;

// clamd's INSTREAM command over TCP (clamd.conf: TCPSocket, StreamMaxLength ≥ FILE_MAX_BYTES):
// "zINSTREAM\0", then <uint32 big-endian length><bytes> chunks, a zero length, and one reply line
// ("stream: OK" or "stream: <signature> FOUND").
export function scanWithClamd(
  host: string,
  port: number,
  bytes: Buffer,
  timeoutMs = 30_000,
): Promise<ScanResult> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const replies: Buffer[] = [];
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new ScannerUnavailableError(`the malware scanner could not be reached (${err.message})`));
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('timed out')));
    socket.on('error', fail);
    socket.on('data', (d) => replies.push(d));
    socket.on('end', () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const reply = Buffer.concat(replies).toString('utf8').replace(/\0/g, '').trim();
      const found = /^stream: (.+) FOUND$/.exec(reply);
      if (found) resolve({ clean: false, signature: found[1] });
      else if (reply === 'stream: OK') resolve({ clean: true });
      else reject(new ScannerUnavailableError(`the malware scanner answered "${reply}"`));
    });
    socket.on('connect', () => {
      socket.write('zINSTREAM\0');
      for (let i = 0; i < bytes.length; i += CHUNK) {
        const part = bytes.subarray(i, i + CHUNK);
        const len = Buffer.alloc(4);
        len.writeUInt32BE(part.length);
        socket.write(len);
        socket.write(part);
      }
      socket.write(Buffer.alloc(4));
    });
  });
}
