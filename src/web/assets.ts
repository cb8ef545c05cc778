import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface Stylesheet {
  path: string;
  body: Buffer;
}

/**
 * The site's one stylesheet: the Digital Agency design tokens followed by our own rules,
 * served under a content hash so browsers may keep it for a year.
 */
export async function buildStylesheet(): Promise<Stylesheet> {
  const require = createRequire(import.meta.url);
  const tokens = await fs.readFile(
    require.resolve('@digital-go-jp/design-tokens/dist/tokens.css'),
    'utf8',
  );
  const site = await fs.readFile(
    fileURLToPath(new URL('./assets/site.css', import.meta.url)),
    'utf8',
  );
  const body = Buffer.from(`${tokens}\n${site}`);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/site-${hash}.css`, body };
}

export interface Script {
  path: string;
  body: Buffer;
}

/** The one script: background saving of proposal drafts, under a content hash like the CSS. */
export async function buildAutosaveScript(): Promise<Script> {
  const body = await fs.readFile(fileURLToPath(new URL('./assets/autosave.js', import.meta.url)));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/autosave-${hash}.js`, body };
}
