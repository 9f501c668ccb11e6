/**
 * Serves one file from memory, compressed once with Brotli and gzip: the Web Chat bundle is
 * about 4 MB as shipped and under 1 MB compressed, which matters to a person on a phone.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { RequestHandler } from 'express';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

interface LoadedAsset {
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export interface AssetOptions {
  /** Absolute path of the file. */
  file: string;
  contentType: string;
  /** How long browsers may reuse it without asking, in seconds. */
  maxAgeSeconds: number;
}

/** A GET handler for the file; it is read and compressed on first request. */
export function serveAsset(options: AssetOptions): RequestHandler {
  let loading: Promise<LoadedAsset> | undefined;

  function load(): Promise<LoadedAsset> {
    loading ??= compress(options.file).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  return async function sendAsset(req, res) {
    const asset = await load();
    const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
    res.set({
      'Content-Type': options.contentType,
      'Cache-Control': `public, max-age=${options.maxAgeSeconds}`,
      ETag: asset.etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
    });
    if (encoding === 'br' || encoding === 'gzip') res.set('Content-Encoding', encoding);
    res.send(encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.identity);
  };
}

async function compress(file: string): Promise<LoadedAsset> {
  const identity = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(identity, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    gzip(identity, { level: 9 }),
  ]);
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}"`;
  return { etag, identity, br, gzip: gz };
}
