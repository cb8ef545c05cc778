import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bilingual, localize } from '../../src/domain/language.ts';

describe('bilingual content', () => {
  it('shows English on the English side when it exists', () => {
    assert.deepEqual(localize({ ja: '課題', en: 'Challenge' }, 'en'), {
      text: 'Challenge',
      lang: 'en',
      fallback: false,
    });
  });

  it('falls back to Japanese, marked as such, when English is missing or blank', () => {
    assert.deepEqual(localize({ ja: '課題', en: null }, 'en'), {
      text: '課題',
      lang: 'ja',
      fallback: true,
    });
    assert.equal(localize({ ja: '課題', en: '  ' }, 'en').fallback, true);
  });

  it('never marks Japanese as a fallback on the Japanese side', () => {
    assert.equal(localize({ ja: '課題', en: 'Challenge' }, 'ja').fallback, false);
  });

  it('reads the _ja and _en columns of a row', () => {
    assert.deepEqual(bilingual({ title_ja: '題', title_en: null }, 'title'), {
      ja: '題',
      en: null,
    });
  });
});
