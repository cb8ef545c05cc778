import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { langOf, titleOf } from '../support/html.ts';
import { startGate, type TestGate } from '../support/server.ts';

describe('health and error pages', () => {
  let gate: TestGate;

  before(async () => {
    gate = await startGate('embedded', {
      before(app) {
        const fail = async () => {
          throw new Error('secret internal detail: select * from tenant');
        };
        app.get('/boom', fail);
        app.get('/en/boom', fail);
      },
    });
  });
  after(() => gate.close());

  it('says it is alive and that the database is reachable', async () => {
    const alive = await gate.app.inject('/healthz');
    assert.equal(alive.statusCode, 200);
    assert.deepEqual(alive.json(), { status: 'ok' });
    const ready = await gate.app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready', database: 'embedded' });
  });

  it('shows a 500 page with a request id and no internals, in the visitor’s language', async () => {
    const ja = await gate.app.inject('/boom');
    assert.equal(ja.statusCode, 500);
    assert.equal(langOf(ja.body), 'ja');
    assert.match(titleOf(ja.body) ?? '', /^エラー: エラーが発生しました/);
    assert.doesNotMatch(ja.body, /secret internal detail|select \*|at .*\.ts:/);
    const id = /class="request-id">([^<]+)</.exec(ja.body)?.[1];
    assert.match(id ?? '', /^[0-9a-f-]{36}$/);

    const en = await gate.app.inject('/en/boom');
    assert.equal(langOf(en.body), 'en');
    assert.match(en.body, /please quote this reference/);
  });

  it('refuses an unreadable request body with a 4xx page, not a 500', async () => {
    const response = await gate.app.inject({
      method: 'POST',
      url: '/challenges',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    assert.ok(response.statusCode >= 400 && response.statusCode < 500, String(response.statusCode));
  });

  it('answers an undecodable path with an error page, not raw JSON', async () => {
    const response = await gate.app.inject('/en/challenges/%E0%A4%A');
    assert.equal(response.statusCode, 400);
    assert.equal(langOf(response.body), 'en');
    assert.match(titleOf(response.body) ?? '', /^Error: We could not read that request/);
  });

  it('reports an unreachable database as not ready', async () => {
    const other = await startGate('embedded');
    await other.database.close();
    const ready = await other.app.inject('/readyz');
    assert.equal(ready.statusCode, 503);
    assert.equal(ready.json().status, 'unavailable');
    await other.app.close();
  });
});
