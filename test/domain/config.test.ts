import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

describe('configuration', () => {
  it('needs nothing to start: port 3000, ./data, the embedded database, Sapporo', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.dataDir, path.resolve('data'));
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.tenant, 'sapporo');
    assert.equal(config.publicUrl, 'http://localhost:3000');
  });

  it('names every bad value at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.problems.join('\n');
        assert.match(text, /PORT/);
        assert.match(text, /DATABASE_URL/);
        assert.match(text, /LOG_LEVEL/);
        return true;
      },
    );
  });

  it('sends the overdue digest from 08:00 unless told another whole hour', () => {
    assert.equal(loadConfig({}).digestHour, 8);
    assert.equal(loadConfig({ DIGEST_HOUR: '0' }).digestHour, 0);
    for (const bad of ['24', '7.5', 'eight', '-1']) {
      assert.throws(() => loadConfig({ DIGEST_HOUR: bad }), /DIGEST_HOUR: must be a whole hour/);
    }
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined);
  });

  it('sends mail through SMTP only when told to, and never repeats the URL in an error', () => {
    const none = loadConfig({});
    assert.equal(none.smtpUrl, undefined);
    assert.equal(none.mailFrom, undefined);
    const smtp = loadConfig({
      SMTP_URL: 'smtp://user:pass@mail.example.jp:587',
      MAIL_FROM: '"SAPPORO CO-CREATION GATE" <no-reply@example.jp>',
    });
    assert.equal(smtp.smtpUrl, 'smtp://user:pass@mail.example.jp:587');
    assert.equal(smtp.mailFrom, '"SAPPORO CO-CREATION GATE" <no-reply@example.jp>');
    assert.throws(
      () => loadConfig({ SMTP_URL: 'http://user:secret@mail.example.jp', MAIL_FROM: 'nobody' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.problems.join('\n');
        assert.match(text, /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
        assert.match(text, /MAIL_FROM/);
        assert.doesNotMatch(text, /secret/);
        return true;
      },
    );
  });
});
