/**
 * What a SecureString's value looks like when it is read without WithDecryption. AWS answers with
 * the KMS ciphertext blob, base64-encoded; the emulator has no KMS, so it answers with an AES-GCM
 * encryption of the value under a key derived from the account and the KeyId. The result is
 * opaque and the same on every read of a version (as a stored ciphertext is), so code that forgot
 * WithDecryption fails as it would on AWS instead of seeing the secret.
 */
import { createCipheriv, createHash } from 'node:crypto';

/** The key a SecureString uses when PutParameter names none. */
export const DEFAULT_KEY_ID = 'alias/aws/ssm';

/** The base64 "ciphertext" of one version of a SecureString. */
export function ciphertextOf(value: string, context: { account: string; keyId: string; name: string; version: number }): string {
  const key = createHash('sha256').update(`ssm-emulator:${context.account}:${context.keyId}`).digest();
  // A fixed IV per version: the same version always reads back as the same blob.
  const iv = createHash('sha256').update(`${context.name}:${context.version}`).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  // KMS blobs start with a version byte and a key reference: a similar header keeps the shape familiar.
  const header = Buffer.from([0x01, 0x02, 0x02, 0x00, 0x78]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), body]).toString('base64');
}
