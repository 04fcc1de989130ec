import { BadRequestProblem, ProblemException } from '@roundtable/core';
import busboy from 'busboy';
import type { Request } from 'express';

export interface ReceivedFile {
  fileName: string | undefined;
  bytes: Buffer;
}

export class PayloadTooLargeProblem extends ProblemException {
  constructor(maxBytes: number) {
    super(413, `The file is larger than the limit of ${formatBytes(maxBytes)}`, undefined, { maxBytes });
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} kB`;
  return `${n} bytes`;
}

// A client that keeps sending after the limit is read on (and dropped) up to this much more, so it
// receives the 413 instead of a reset connection; beyond that the connection is closed.
const DRAIN_FACTOR = 4;

// Reads one file (field `file`) from a multipart/form-data request, counting bytes as they arrive
// and stopping at `maxBytes` (413). Other fields, or a second file, are a 400.
export function receiveOneFile(req: Request, maxBytes: number): Promise<ReceivedFile> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 0, fileSize: maxBytes },
        defParamCharset: 'utf8',
      });
    } catch {
      reject(new BadRequestProblem('The body must be multipart/form-data with a boundary'));
      return;
    }
    let failure: Error | null = null;
    let file: ReceivedFile | null = null;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (failure) return reject(failure);
      if (!file)
        return reject(
          new BadRequestProblem('No file was sent', [{ field: 'file', message: 'file is required' }]),
        );
      resolve(file);
    };
    // After a failure: stop parsing, read the rest of the body (bounded) so the answer arrives.
    const abandon = (err: Error) => {
      if (failure) return;
      failure = err;
      req.unpipe(parser);
      if (req.readableEnded) {
        setImmediate(finish);
        return;
      }
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > maxBytes * DRAIN_FACTOR) req.destroy();
      });
      req.once('end', finish);
      req.once('close', finish);
      req.resume();
    };
    if (Number.isFinite(declared) && declared > maxBytes * DRAIN_FACTOR + 64 * 1024) {
      // Far too large by its own account: do not read it at all.
      failure = new PayloadTooLargeProblem(maxBytes);
      req.resume();
      req.once('end', finish);
      req.once('close', finish);
      return;
    }
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        stream.resume();
        abandon(
          new BadRequestProblem('Send the file in the field "file"', [
            { field, message: `${field} is not a file field of this form` },
          ]),
        );
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => abandon(new PayloadTooLargeProblem(maxBytes)));
      stream.on('end', () => {
        if (!failure) file = { fileName: info.filename, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('field', (field) =>
      abandon(
        new BadRequestProblem('The form takes only the field "file"', [
          { field, message: `${field} is not allowed` },
        ]),
      ),
    );
    parser.on('filesLimit', () => abandon(new BadRequestProblem('Send one file per request')));
    parser.on('fieldsLimit', () => abandon(new BadRequestProblem('The form takes only the field "file"')));
    parser.on('error', (err: Error) => {
      abandon(new BadRequestProblem(`The multipart body could not be read (${err.message})`));
    });
    parser.on('close', () => {
      if (!failure) finish();
    });
    req.on('aborted', () => abandon(new BadRequestProblem('The upload was interrupted')));
    req.pipe(parser);
  });
}
