import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neutraliseCell } from '../../src/domain/open-data.ts';

describe('spreadsheet cells', () => {
  for (const risky of ['=SUM(A1)', '+81', '-1', '@cmd', '\tx', '\rx']) {
    it(`neutralises a cell starting with ${JSON.stringify(risky[0])}`, () => {
      assert.equal(neutraliseCell(risky), `'${risky}`);
    });
  }

  it('leaves ordinary text alone', () => {
    assert.equal(neutraliseCell('札幌市 = Sapporo'), '札幌市 = Sapporo');
  });
});
