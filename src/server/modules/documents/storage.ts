import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * The bytes of documents, outside the database: one file per document in the storage directory,
 * named by a random id that says nothing about the case or the person. The database row holds
 * the name, the size and the sha256; a file that no longer matches its row is not handed out.
 */

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function pathOf(dir: string, key: string) {
  // The key comes from our own row, but a path is built from it: only our own format passes.
  if (!KEY.test(key)) throw new Error('invalid storage key');
  return join(dir, key);
}

/** Writes new bytes under a fresh random name; never overwrites. */
export async function storeBytes(dir: string, bytes: Uint8Array): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const key = randomUUID();
  await writeFile(pathOf(dir, key), bytes, { flag: 'wx', mode: 0o600 });
  return key;
}

export class StoredFileMismatch extends Error {}

/** Reads a document's bytes and checks them against the sha256 recorded when they were stored. */
export async function readBytes(dir: string, key: string, sha256: string): Promise<Buffer> {
  const bytes = await readFile(pathOf(dir, key));
  if (sha256Of(bytes) !== sha256) throw new StoredFileMismatch(`stored file ${key} does not match its sha256`);
  return bytes;
}

/** Removes bytes whose row was never written (the transaction failed after the write). */
export async function discardBytes(dir: string, key: string) {
  await rm(pathOf(dir, key), { force: true });
}
