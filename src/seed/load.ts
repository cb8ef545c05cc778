import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { caseSeed, challengeSeed, tenantSeed } from './types.ts';

/** Reads and checks the seed files of a tenant shipped in this folder. */
export async function loadSeed(slug: string) {
  const read = async (name: string): Promise<unknown> => {
    const file = fileURLToPath(new URL(`./${slug}/${name}`, import.meta.url));
    return JSON.parse(await fs.readFile(file, 'utf8'));
  };
  return {
    tenant: tenantSeed.parse(await read('tenant.json')),
    challenges: z.array(challengeSeed).parse(await read('challenges.json')),
    cases: z.array(caseSeed).parse(await read('cases.json')),
  };
}

/** True when seed files for this tenant ship with the gate. */
export async function hasSeed(slug: string): Promise<boolean> {
  const dir = fileURLToPath(new URL(`./${slug}/tenant.json`, import.meta.url));
  return fs
    .access(dir)
    .then(() => true)
    .catch(() => false);
}
