import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { validateHeaderValue } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { contentDisposition, safeFileName } from '../../src/app/files/file-name.ts';
import { checkAttachment, HEAD_BYTES, limits } from '../../src/app/files/kinds.ts';
import {
  createFileStore,
  FileNotFoundError,
  FileTooLargeError,
  InvalidFileKeyError,
  LocalFileStore,
  newFileKey,
} from '../../src/app/files/storage.ts';

// --- Sample files, built here so that every byte of them is visible. ---

const pdf = Buffer.from(
  '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

const html = Buffer.from('<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n');

/** A 1×1 grey PNG: signature, IHDR, IDAT and IEND, with their CRCs. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]); // 1×1, 8-bit grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JFIF JPEG: SOI and an APP0 segment, then EOI. */
const jpeg = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);

/** A Compound File Binary header, as .doc, .xls and .ppt files start. */
const cfb = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(1536 - 8),
]);

/** A zip of stored (uncompressed) entries, in the order given. */
function zip(entries: [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A minimal Office Open XML package whose main part is `part`, of content type `main`. */
function openXml(part: string, main: string, body = '<root/>'): Buffer {
  const types =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/${part}" ContentType="${main}.main+xml"/>` +
    '</Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${part}"/>` +
    '</Relationships>';
  return zip([
    ['[Content_Types].xml', types],
    ['_rels/.rels', rels],
    [part, body],
  ]);
}

const docx = openXml(
  'word/document.xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>提案</w:t></w:r></w:p></w:body></w:document>',
);
const xlsx = openXml(
  'xl/workbook.xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
);
const pptx = openXml(
  'ppt/presentation.xml',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
);

async function* bytes(total: number, chunkSize: number, counter: { produced: number }) {
  while (counter.produced < total) {
    const size = Math.min(chunkSize, total - counter.produced);
    counter.produced += size;
    yield Buffer.alloc(size, 0x61);
  }
}

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('attachment kinds', () => {
  const accepted: [fileName: string, head: Buffer, kind: string, mediaType: string][] = [
    ['提案書.pdf', pdf, 'pdf', 'application/pdf'],
    [
      'plan.docx',
      docx,
      'docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'budget.xlsx',
      xlsx,
      'xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    [
      'slides.pptx',
      pptx,
      'pptx',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    ['old.doc', cfb, 'doc', 'application/msword'],
    ['old.xls', cfb, 'xls', 'application/vnd.ms-excel'],
    ['old.ppt', cfb, 'ppt', 'application/vnd.ms-powerpoint'],
    ['photo.jpg', jpeg, 'jpeg', 'image/jpeg'],
    ['photo.jpeg', jpeg, 'jpeg', 'image/jpeg'],
    ['map.png', png(), 'png', 'image/png'],
  ];
  for (const [fileName, head, kind, mediaType] of accepted) {
    it(`accepts ${fileName} as ${kind}`, async () => {
      const check = await checkAttachment({ fileName, head });
      assert.deepEqual(check, {
        ok: true,
        kind,
        mediaType,
        extension: path.extname(fileName).slice(1),
      });
    });
  }

  it('reads the extension in any case and gives it in lower case', async () => {
    const check = await checkAttachment({ fileName: 'SCAN.JPG', head: jpeg });
    assert.deepEqual(check, { ok: true, kind: 'jpeg', mediaType: 'image/jpeg', extension: 'jpg' });
  });

  it('refuses an HTML page named .pdf, and a JPEG named .png', async () => {
    assert.deepEqual(await checkAttachment({ fileName: 'report.pdf', head: html }), {
      ok: false,
      reason: 'mismatch',
    });
    assert.deepEqual(await checkAttachment({ fileName: 'photo.png', head: jpeg }), {
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses content of another allowed kind under the wrong extension', async () => {
    const cases: [string, Buffer][] = [
      ['plan.docx', xlsx],
      ['plan.docx', cfb], // an old .doc renamed, or an encrypted .docx
      ['old.doc', docx],
      ['budget.xls', pdf],
      ['slides.pptx', zip([['readme.txt', 'not an office file']])],
      ['plan.pdf', png()],
    ];
    for (const [fileName, head] of cases) {
      assert.deepEqual(await checkAttachment({ fileName, head }), {
        ok: false,
        reason: 'mismatch',
      });
    }
  });

  it('refuses a macro-enabled document named .docx', async () => {
    const docm = openXml('word/document.xml', 'application/vnd.ms-word.document.macroEnabled');
    assert.deepEqual(await checkAttachment({ fileName: 'plan.docx', head: docm }), {
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses extensions outside the list, and names without one, whatever the content', async () => {
    for (const fileName of [
      'setup.exe',
      'page.html',
      'image.svg',
      'README',
      'archive.zip',
      '.pdf',
    ]) {
      assert.deepEqual(await checkAttachment({ fileName, head: pdf }), {
        ok: false,
        reason: 'type',
      });
    }
  });

  it('reads the extension after bidi overrides are removed', async () => {
    // Shown as 'invoiceexe.pdf' by a bidi-aware display; really an .exe.
    const check = await checkAttachment({ fileName: 'invoice\u202efdp.exe', head: pdf });
    assert.deepEqual(check, { ok: false, reason: 'type' });
  });

  it('refuses an empty file', async () => {
    assert.deepEqual(await checkAttachment({ fileName: 'empty.pdf', head: Buffer.alloc(0) }), {
      ok: false,
      reason: 'empty',
    });
  });

  it('recognises a large .docx from its first HEAD_BYTES', async () => {
    const big = openXml(
      'word/document.xml',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      `<w:document>${'x'.repeat(500_000)}</w:document>`,
    );
    const check = await checkAttachment({
      fileName: 'big.docx',
      head: big.subarray(0, HEAD_BYTES),
    });
    assert.equal(check.ok && check.kind, 'docx');
  });

  it('has the agreed limits', () => {
    assert.deepEqual(limits, { maxBytes: 20 * 1024 * 1024, maxFiles: 10 });
  });
});

describe('file store', () => {
  let dataDir: string;
  let store: LocalFileStore;
  let root: string;

  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gate-files-'));
    root = path.join(dataDir, 'files');
    store = new LocalFileStore(root);
  });
  after(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('makes random keys of two fan-out folders and a UUID', () => {
    const key = newFileKey();
    assert.match(key, /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    assert.equal(key.slice(0, 2) + key.slice(3, 5), key.slice(6, 10));
    assert.notEqual(newFileKey(), key);
  });

  it('stores a buffer under its key, with size and SHA-256, and gives it back', async () => {
    const key = newFileKey();
    assert.equal(await store.exists(key), false);
    const stored = await store.put(key, pdf);
    assert.deepEqual(stored, { size: pdf.length, sha256: sha256(pdf) });
    assert.equal(await store.exists(key), true);
    assert.deepEqual(await fs.readFile(path.join(root, ...key.split('/'))), pdf);
    assert.equal(await text(await store.get(key)), pdf.toString('utf8'));
  });

  it('stores a stream', async () => {
    const key = newFileKey();
    const counter = { produced: 0 };
    const stored = await store.put(key, Readable.from(bytes(300_000, 65_536, counter)));
    assert.deepEqual(stored, {
      size: 300_000,
      sha256: sha256(Buffer.alloc(300_000, 0x61)),
    });
    assert.equal((await fs.stat(store.path(key))).size, 300_000);
  });

  it('keeps under DATA_DIR/files through createFileStore', async () => {
    const key = newFileKey();
    await createFileStore({ dataDir }).put(key, png());
    assert.equal(await store.exists(key), true);
  });

  it('removes a file, and removing it again is no error', async () => {
    const key = newFileKey();
    await store.put(key, jpeg);
    await store.remove(key);
    assert.equal(await store.exists(key), false);
    await store.remove(key);
    await assert.rejects(store.get(key), FileNotFoundError);
  });

  it('takes a file of exactly maxBytes, and refuses one byte more', async () => {
    const key = newFileKey();
    assert.equal((await store.put(key, Buffer.alloc(10), { maxBytes: 10 })).size, 10);
    const other = newFileKey();
    await assert.rejects(store.put(other, Buffer.alloc(11), { maxBytes: 10 }), FileTooLargeError);
    assert.equal(await store.exists(other), false);
  });

  it('stops reading a 21 MB stream past 20 MB and leaves nothing behind', async () => {
    const before = await filesUnder(root);
    const key = newFileKey();
    const total = 21 * 1024 * 1024;
    const counter = { produced: 0 };
    const source = Readable.from(bytes(total, 64 * 1024, counter), { highWaterMark: 1 });
    await assert.rejects(
      store.put(key, source, { maxBytes: limits.maxBytes }),
      (error: unknown) => error instanceof FileTooLargeError && error.maxBytes === limits.maxBytes,
    );
    assert.ok(counter.produced < total, `read ${counter.produced} of ${total} bytes`);
    assert.ok(source.destroyed);
    assert.equal(await store.exists(key), false);
    assert.deepEqual(await filesUnder(root), before, 'no partial file is left');
  });

  it('leaves nothing behind when the source fails midway', async () => {
    const before = await filesUnder(root);
    const key = newFileKey();
    async function* failing() {
      yield Buffer.alloc(1000);
      throw new Error('connection reset');
    }
    await assert.rejects(store.put(key, Readable.from(failing())), /connection reset/);
    assert.equal(await store.exists(key), false);
    assert.deepEqual(await filesUnder(root), before);
  });

  it('refuses keys it did not make, before touching the disk', async () => {
    const valid = newFileKey();
    const uuid = valid.slice(6);
    const otherFanOut = uuid.startsWith('00') ? 'ff' : '00';
    const keys = [
      '../../etc/passwd',
      '/etc/passwd',
      '',
      `${valid.slice(0, 6)}../${uuid}`,
      `${valid}/..`,
      valid.replace(/\//g, '\\'),
      valid.toUpperCase(),
      `${otherFanOut}/${valid.slice(3)}`,
      uuid,
      `${valid}.partial`,
      'report.pdf',
    ];
    for (const key of keys) {
      assert.throws(() => store.path(key), InvalidFileKeyError, key);
      await assert.rejects(store.put(key, pdf), InvalidFileKeyError, key);
      await assert.rejects(store.get(key), InvalidFileKeyError, key);
      await assert.rejects(store.remove(key), InvalidFileKeyError, key);
      await assert.rejects(store.exists(key), InvalidFileKeyError, key);
    }
    assert.deepEqual(
      (await fs.readdir(dataDir)).filter((name) => name !== 'files'),
      [],
      'nothing was written outside the store',
    );
  });
});

describe('file names', () => {
  it('keeps a name that looks like markup as text, recognisably', () => {
    assert.equal(safeFileName('<svg onload=alert(1)>.pdf'), '<svg onload=alert(1)>.pdf');
  });

  it('keeps the last part of a path, with either separator', () => {
    assert.equal(safeFileName('C:\\Users\\taro\\提案書.pdf'), '提案書.pdf');
    assert.equal(safeFileName('../../etc/passwd'), 'passwd');
    assert.equal(safeFileName('docs/plan.docx'), 'plan.docx');
    assert.equal(safeFileName('docs/plan.docx/'), 'plan.docx');
  });

  it('normalises to NFC, as macOS sends decomposed names', () => {
    const decomposed = 'テ\u3099ータ.pdf';
    assert.equal(safeFileName(decomposed), 'データ.pdf');
    assert.equal(safeFileName(decomposed).length, 7);
  });

  it('removes control characters and bidi overrides', () => {
    assert.equal(safeFileName('a\r\nb\u0000\u007f\u0085.pdf'), 'ab.pdf');
    assert.equal(safeFileName('invoice\u202efdp.exe'), 'invoicefdp.exe');
    assert.equal(safeFileName('\u2067عرض\u2069 proposal\u200f.pdf'), 'عرض proposal.pdf');
    assert.equal(safeFileName('\u202aleft\u202b\u202c\u202d\u2066\u2068.png'), 'left.png');
  });

  it('trims, and never gives an empty name', () => {
    assert.equal(safeFileName('  report.pdf \t'), 'report.pdf');
    for (const name of ['', '   ', '\u202e', '/', '..', '\\..\\.', '\u0000']) {
      assert.equal(safeFileName(name), 'file', JSON.stringify(name));
    }
  });

  it('shortens a long name to 150 characters, keeping the extension', () => {
    const long = safeFileName(`${'あ'.repeat(300)}.pdf`);
    assert.equal([...long].length, 150);
    assert.equal(long, `${'あ'.repeat(146)}.pdf`);
    assert.equal(safeFileName('b'.repeat(200)), 'b'.repeat(150));
    assert.equal([...safeFileName(`${'c'.repeat(200)}.not-an-extension`)].length, 150);
  });

  it('shortens without splitting a character or an emoji', () => {
    const family = '👨‍👩‍👧'; // five code points
    const long = safeFileName(`${family.repeat(60)}.png`);
    assert.ok(long.endsWith('.png'));
    assert.equal(long.slice(0, -4), family.repeat(29));
    assert.equal(safeFileName(`${'😀'.repeat(200)}.jpg`), `${'😀'.repeat(146)}.jpg`);
  });
});

describe('Content-Disposition', () => {
  it('offers a Japanese name as UTF-8, with an ASCII fallback', () => {
    const name = '提案書（最終版）.pdf';
    const header = contentDisposition(name);
    assert.equal(
      header,
      'attachment; filename="file.pdf"; ' +
        "filename*=UTF-8''%E6%8F%90%E6%A1%88%E6%9B%B8%EF%BC%88%E6%9C%80%E7%B5%82%E7%89%88%EF%BC%89.pdf",
    );
    assert.equal(decodeURIComponent(header.split("UTF-8''")[1]!), name);
    validateHeaderValue('content-disposition', header);
  });

  it('gives an ASCII name as it is', () => {
    assert.equal(
      contentDisposition('report.pdf'),
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
  });

  it('folds accents and escapes what RFC 8187 does not allow', () => {
    assert.equal(
      contentDisposition(`Résumé "final" (it's 100%)*.pdf`),
      'attachment; filename="Resume _final_ (it\'s 100_)*.pdf"; ' +
        "filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%20%28it%27s%20100%25%29%2A.pdf",
    );
  });

  it('cannot be used to inject a header, nor a path', () => {
    const header = contentDisposition('a\r\nSet-Cookie: x=1\\..\\evil.pdf');
    assert.doesNotMatch(header, /[\r\n]/);
    assert.match(header, /^attachment; filename="evil\.pdf"; filename\*=UTF-8''evil\.pdf$/);
    validateHeaderValue('content-disposition', header);
  });

  it('offers the name safeFileName keeps, without bidi overrides', () => {
    const header = contentDisposition('invoice\u202efdp.exe');
    assert.match(header, /filename="invoicefdp\.exe"/);
    assert.doesNotMatch(header, /%E2%80%AE/);
  });
});
