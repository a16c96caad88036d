/**
 * End-to-end encryption of sync documents, with WebCrypto alone. The passphrase gives, through
 * PBKDF2-SHA-256 over a random salt kept in the sync database, two keys: one for AES-GCM, which
 * seals each record, and one for HMAC-SHA-256, which turns a record's key (`hn:41428115`) into
 * the document's id. The server sees ids, sizes and times, never a note, tag, name, title or URL.
 */

export const PBKDF2_ITERATIONS = 600_000;
/** A fixed text sealed into the key-check document: opening it proves the passphrase. */
const KEY_CHECK_TEXT = 'threadnote key check v1';

export interface SyncKeys {
  seal: CryptoKey;
  name: CryptoKey;
}

/** The sealed form of a record as it travels: base64 IV and ciphertext. */
export interface Sealed {
  iv: string;
  data: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let index = 0; index < raw.length; index++) bytes[index] = raw.charCodeAt(index);
  return bytes;
}

export function randomSalt(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * Both keys from one PBKDF2 run of 512 bits: the first half seals, the second names. Neither can
 * be exported, so what the worker keeps in IndexedDB cannot be read back as key bytes.
 */
export async function deriveKeys(
  passphrase: string,
  salt: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<SyncKeys> {
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations },
      material,
      512,
    ),
  );
  const [seal, name] = await Promise.all([
    crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']),
    crypto.subtle.importKey('raw', bits.slice(32), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]),
  ]);
  bits.fill(0);
  return { seal, name };
}

/** The document id of a record: hex HMAC of `<kind>:<key>`, the same on every device. */
export async function documentId(keys: SyncKeys, id: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', keys.name, encoder.encode(id)));
  return [...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function seal(keys: SyncKeys, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    keys.seal,
    encoder.encode(JSON.stringify(value)),
  );
  return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** Opens a sealed value; fails (OperationError) under another key or when tampered with. */
export async function unseal<T>(keys: SyncKeys, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv) },
    keys.seal,
    fromBase64(sealed.data),
  );
  return JSON.parse(decoder.decode(plain)) as T;
}

export function sealKeyCheck(keys: SyncKeys): Promise<Sealed> {
  return seal(keys, KEY_CHECK_TEXT);
}

/** Whether these keys open the key-check document, i.e. came from the same passphrase. */
export async function opensKeyCheck(keys: SyncKeys, sealed: Sealed): Promise<boolean> {
  try {
    return (await unseal<string>(keys, sealed)) === KEY_CHECK_TEXT;
  } catch {
    return false;
  }
}
