/**
 * Names of attached files. The name a proposer's browser sends is only a label: it is kept to
 * be shown and offered on download, never used to name anything on disk (see storage.ts).
 */

/** The longest name kept, in characters (code points, as PostgreSQL counts them). */
export const MAX_FILE_NAME_LENGTH = 150;

/** The name used when nothing is left of the one sent. */
const FALLBACK_NAME = 'file';

// C0 and C1 controls and DEL; the line and paragraph separators, which break lines as well.
const controls = /[\p{Cc}\u2028\u2029]/gu;

// Bidirectional formatting characters: the embeddings, overrides and isolates, the implicit
// marks and the Arabic letter mark. An override can make 'gpj.exe' read as 'exe.jpg'.
const bidi = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

// An extension worth keeping when a name is shortened: a dot and a few letters or digits.
const extension = /\.[\p{L}\p{N}]{1,10}$/u;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * The name to store and show for a file the browser called `name`: NFC-normalised, without
 * folders (a / or \ path is cut to its last part), control and bidi formatting characters
 * removed, trimmed, at most MAX_FILE_NAME_LENGTH characters with the extension kept, and never
 * empty. It is plain text, not HTML: views escape it like any other text.
 */
export function safeFileName(name: string): string {
  const parts = name
    .normalize('NFC')
    .replace(controls, '')
    .replace(bidi, '')
    .split(/[/\\]/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== '.' && part !== '..');
  const last = parts.at(-1);
  return last === undefined ? FALLBACK_NAME : shorten(last);
}

/** The extension of a name made by safeFileName, in lower case and without the dot; or ''. */
export function fileExtension(safeName: string): string {
  const dot = safeName.lastIndexOf('.');
  return dot > 0 ? safeName.slice(dot + 1).toLowerCase() : '';
}

/** Cuts `name` to MAX_FILE_NAME_LENGTH, keeping the extension and whole graphemes. */
function shorten(name: string): string {
  if (codePoints(name) <= MAX_FILE_NAME_LENGTH) {
    return name;
  }
  const ext = name.slice(1).match(extension)?.[0] ?? '';
  const base = name.slice(0, name.length - ext.length);
  let budget = MAX_FILE_NAME_LENGTH - codePoints(ext);
  let kept = '';
  // Whole graphemes only, so that no accent is parted from its letter nor an emoji halved.
  for (const { segment } of graphemes.segment(base)) {
    budget -= codePoints(segment);
    if (budget < 0) {
      break;
    }
    kept += segment;
  }
  kept = kept.trimEnd();
  return kept === '' ? FALLBACK_NAME + ext : kept + ext;
}

function codePoints(text: string): number {
  return [...text].length;
}

/**
 * A Content-Disposition header offering `name` as a download (RFC 6266): a plain ASCII
 * `filename` for old clients and the exact name, UTF-8 and percent-encoded, as `filename*`
 * (RFC 8187, formerly 5987), which every current browser prefers.
 *
 * The `content-disposition` package is only in node_modules as a dependency of
 * @fastify/static, has no types, and its fallback keeps Latin-1 letters rather than giving
 * ASCII; the encoding needs a dozen lines, so they are here.
 */
export function contentDisposition(name: string): string {
  const safe = safeFileName(name);
  return `attachment; filename="${asciiFallback(safe)}"; filename*=UTF-8''${encodeExtValue(safe)}`;
}

/**
 * `name` in printable ASCII for a quoted-string: accents dropped (é becomes e), compatibility
 * forms folded (full-width （ becomes ( ), and each run of anything else made one underscore.
 * Quotes and backslashes, which would need escaping that clients treat differently, and %,
 * which some clients would decode, become underscores too. A name with no ASCII letter or
 * digit left becomes 'file' with its extension.
 */
function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]+/g, '_')
    .replace(/["\\%]/g, '_');
  const dot = ascii.lastIndexOf('.');
  const base = dot > 0 ? ascii.slice(0, dot) : ascii;
  // Nothing legible left, as for a Japanese name: a neutral name with the extension.
  return /[A-Za-z0-9]/.test(base) ? ascii : FALLBACK_NAME + ascii.slice(base.length);
}

/** RFC 8187 value-chars: UTF-8 bytes percent-encoded, except letters, digits and attr-char. */
function encodeExtValue(name: string): string {
  // encodeURIComponent leaves ' ( ) * alone, which attr-char does not allow.
  return encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
