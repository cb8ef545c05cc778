import { hash, verify } from '@node-rs/argon2';

// Argon2id with the parameters OWASP recommends for it: 19 MiB, two passes, one lane.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A PHC string of the password hashed with Argon2id and a random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Checked against when an e-mail address is unknown, so that an unknown address costs the
// same time as a wrong password and the answer's timing does not tell them apart.
let decoy: Promise<string> | undefined;

/** True when `password` matches `stored`; with no stored hash, spends the same time and says no. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hashPassword('decoy password, never valid');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
