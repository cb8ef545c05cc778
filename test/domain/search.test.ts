import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentTerms, queryTerms } from '../../src/domain/search.ts';

function matches(document: string, query: string): boolean {
  const terms = new Set(documentTerms(document));
  const wanted = queryTerms(query);
  return wanted.length > 0 && wanted.every((term) => terms.has(term));
}

describe('search terms', () => {
  const text = '町内会の加入率が少しずつ下がり、地域への関心が薄れています。Smart City 2030';

  it('finds Japanese words inside longer words, without a dictionary', () => {
    assert.ok(matches(text, '加入'));
    assert.ok(matches(text, '加入率'));
    assert.ok(matches(text, '町内会　地域'));
    assert.ok(matches(text, '関心'));
  });

  it('finds a single character only where it stands alone', () => {
    assert.ok(matches('町 / 市', '町'));
    assert.ok(!matches(text, '会'));
  });

  it('needs every word of the query', () => {
    assert.ok(!matches(text, '加入 観光'));
    assert.ok(!matches(text, '入会'));
  });

  it('ignores width and case, and finds whole English words and numbers', () => {
    assert.ok(matches(text, 'ＳＭＡＲＴ'));
    assert.ok(matches(text, 'city 2030'));
    assert.ok(!matches(text, 'sma'));
  });

  it('treats common spelling variants as one', () => {
    assert.ok(matches('子供の体力が低い', '子ども'));
    assert.ok(matches('子どもの居場所', 'こども'));
    assert.ok(matches('障害のある方', '障がい'));
  });

  it('has no terms for a query of only punctuation', () => {
    assert.deepEqual(queryTerms(' 、。!? '), []);
  });
});
