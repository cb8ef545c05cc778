import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCommonPassword } from '../../src/app/accounts/common-passwords.ts';
import { waitAfter } from '../../src/app/accounts/throttle.ts';
import { isCorporateNumber, normaliseCorporateNumber } from '../../src/domain/corporate-number.ts';
import { passwordProblem } from '../../src/domain/password.ts';

describe('corporate number (法人番号)', () => {
  it('accepts numbers whose first digit is the check digit of the other twelve', () => {
    // The National Tax Agency's own number; 9 − (2 + 2·1 + 1 + 2·2) mod 9 = 9 for the second.
    assert.equal(isCorporateNumber('7000012050002'), true);
    assert.equal(isCorporateNumber('9000020011002'), true);
    assert.equal(isCorporateNumber('8000020011002'), false);
  });

  it('refuses a wrong check digit, wrong lengths and letters', () => {
    assert.equal(isCorporateNumber('7000012050003'), false);
    assert.equal(isCorporateNumber('1000012050002'), false);
    assert.equal(isCorporateNumber('700001205000'), false);
    assert.equal(isCorporateNumber('70000120500021'), false);
    assert.equal(isCorporateNumber('700001205000a'), false);
  });

  it('reads full-width digits, spaces and any kind of dash as people type them', () => {
    assert.equal(normaliseCorporateNumber('７０００−０１２０５−０００２'), '7000012050002');
    assert.equal(normaliseCorporateNumber(' 7000-01205-0002 '), '7000012050002');
    assert.equal(normaliseCorporateNumber('7000ー01205ー0002'), '7000012050002');
  });
});

describe('password rules', () => {
  const check = (password: string, email?: string) =>
    passwordProblem(password, { email, isCommon: isCommonPassword });

  it('takes 8 to 128 characters of any kind, counting what people see as one character', () => {
    assert.equal(check('1234567'), 'tooShort');
    assert.equal(check('札幌の雪まつり'), 'tooShort'); // 7 characters, 21 bytes
    assert.equal(check('札幌の雪まつり。'), null);
    assert.equal(check('a'.repeat(128)), null);
    assert.equal(check('a'.repeat(129)), 'tooLong');
    assert.equal(check('no rules about digits or capitals'), null);
  });

  it('refuses passwords from the list of common ones, whatever their case', () => {
    assert.equal(check('password123'), 'common');
    assert.equal(check('Password123'), 'common');
    assert.equal(check('qwertyuiop'), 'common');
  });

  it('refuses a password that contains the local part of the e-mail address', () => {
    assert.equal(check('hanako-kitano-2026', 'hanako-kitano@example.jp'), 'containsEmail');
    assert.equal(check('a different phrase', 'hanako-kitano@example.jp'), null);
  });
});

describe('throttling waits', () => {
  const rule = { free: 5, windowMs: 3_600_000 };

  it('lets the first failures through, then doubles the wait up to 15 minutes', () => {
    assert.deepEqual(
      [4, 5, 6, 7, 10, 20].map((failures) => waitAfter(failures, rule)),
      [0, 30_000, 60_000, 120_000, 900_000, 900_000],
    );
  });
});
