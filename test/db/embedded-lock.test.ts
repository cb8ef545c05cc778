import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DatabaseBusyError, openDatabase } from '../../src/db/database.ts';
import { createTestDatabase } from '../support/database.ts';

describe('embedded database lock', () => {
  it('refuses a second process on the same data folder, and frees it on close', async () => {
    const first = await createTestDatabase('embedded');
    const lock = path.join(first.dataDir, 'db.lock');
    assert.ok(fs.existsSync(lock));
    await assert.rejects(openDatabase({ dataDir: first.dataDir }), DatabaseBusyError);
    await first.close();
    assert.ok(!fs.existsSync(lock));
  });
});
