import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageWindow } from '../../src/web/views/components.tsx';

describe('page links', () => {
  it('shows every page of a short list', () => {
    assert.deepEqual(pageWindow(1, 3), [1, 2, 3]);
  });

  it('keeps the first and last page around a window of the current one', () => {
    assert.deepEqual(pageWindow(50, 100), [1, 47, 48, 49, 50, 51, 52, 53, 100]);
    assert.deepEqual(pageWindow(1, 100), [1, 2, 3, 4, 5, 6, 7, 100]);
    assert.deepEqual(pageWindow(100, 100), [1, 94, 95, 96, 97, 98, 99, 100]);
  });
});
