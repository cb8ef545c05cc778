import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZodError } from 'zod';
import {
  renderMail,
  renderStoredMail,
  signatureOf,
  UnknownTemplateError,
  type MailSignature,
} from '../../src/app/mail/templates.ts';
import { languages } from '../../src/domain/language.ts';
import type { Tenant } from '../../src/db/schema.ts';

const link = 'https://gate.test/account/reset?token=xyz789';

const tenant: Tenant = {
  id: 1,
  slug: 'sapporo',
  name_ja: '札幌市',
  name_en: 'City of Sapporo',
  gate_name_ja: 'SAPPORO CO-CREATION GATE（札幌市官民連携窓口）',
  gate_name_en: 'SAPPORO CO-CREATION GATE',
  office_ja: 'まちづくり政策局 公民・広域連携推進室',
  office_en: 'Public-Private and Regional Partnership Office',
  intro_ja: '',
  intro_en: null,
  city_vision_ja: null,
  city_vision_en: null,
  opened_on: null,
  time_zone: 'Asia/Tokyo',
  content_version: 0,
  created_at: new Date('2026-12-01T00:00:00Z'),
  fairness_max_exclusive_months: 36,
};

const signature = (lang: 'ja' | 'en'): MailSignature =>
  signatureOf(tenant, lang, 'http://gate.test');

describe('mail templates', () => {
  for (const lang of languages) {
    it(`renders both templates in ${lang} with the link on its own line and the signature`, () => {
      const verify = renderMail(
        'verifyEmail',
        lang,
        { name: 'Hanako', link, expiresInHours: 24 },
        signature(lang),
      );
      const reset = renderMail(
        'passwordReset',
        lang,
        { name: 'Hanako', link, expiresInMinutes: 30 },
        signature(lang),
      );
      for (const mail of [verify, reset]) {
        assert.ok(mail.subject.length > 0);
        assert.ok(mail.text.includes(`\n${link}\n`), mail.text);
        assert.ok(mail.text.includes('Hanako'));
        assert.ok(mail.text.includes(signature(lang).gateName));
        assert.ok(mail.text.includes(signature(lang).siteUrl));
      }
      assert.match(verify.text, lang === 'ja' ? /24時間/ : /24 hours/);
      assert.match(reset.text, lang === 'ja' ? /30分/ : /30 minutes/);
    });
  }

  it('writes Japanese politely and signs with the Japanese names', () => {
    const mail = renderMail(
      'verifyEmail',
      'ja',
      { name: '札幌 花子', link, expiresInHours: 1 },
      signature('ja'),
    );
    assert.equal(mail.subject, 'メールアドレスの確認のお願い');
    assert.match(mail.text, /^札幌 花子 様\n/);
    assert.match(mail.text, /開いてください。/);
    assert.match(mail.text, /札幌市 まちづくり政策局 公民・広域連携推進室/);
    assert.match(mail.text, /http:\/\/gate\.test\/\n/);
  });

  it('counts English units properly and links to the English portal', () => {
    const mail = renderMail(
      'verifyEmail',
      'en',
      { name: 'Jane', link, expiresInHours: 1 },
      signature('en'),
    );
    assert.equal(mail.subject, 'Please confirm your email address');
    assert.match(mail.text, /works for 1 hour from/);
    assert.match(mail.text, /http:\/\/gate\.test\/en\n/);
  });

  it('keeps a name on one line, so it cannot forge text of its own', () => {
    const mail = renderMail(
      'passwordReset',
      'en',
      { name: 'Mallory\n\nURGENT: open https://evil.test', link, expiresInMinutes: 30 },
      signature('en'),
    );
    assert.match(mail.text, /^Dear Mallory URGENT: open https:\/\/evil\.test,\n/);
    const greeting = renderMail(
      'passwordReset',
      'ja',
      { name: '  ', link, expiresInMinutes: 30 },
      signature('ja'),
    );
    assert.match(greeting.text, /^ご利用者様\n/);
  });

  it('signs in Japanese where the tenant has no English name', () => {
    const japaneseOnly = { ...tenant, gate_name_en: null };
    assert.equal(signatureOf(japaneseOnly, 'en', 'http://gate.test').gateName, tenant.gate_name_ja);
  });

  it('refuses a stored message whose template or parameters this release does not know', () => {
    assert.throws(
      () => renderStoredMail('welcomeGift', 'ja', {}, signature('ja')),
      UnknownTemplateError,
    );
    assert.throws(
      () => renderStoredMail('verifyEmail', 'ja', { name: 'x', link }, signature('ja')),
      ZodError,
    );
  });

  it('lists overdue proposals one by one with working days overdue and a link to each', () => {
    const items = [
      {
        receiptNumber: 'R8-0012',
        title: '公園の\nにぎわいづくり',
        state: 'screening' as const,
        dueOn: '2026-12-01',
        daysOverdue: 2,
        link: 'http://gate.test/staff/proposals/12',
      },
      {
        receiptNumber: 'R8-0007',
        title: 'Snow data',
        state: 'decision' as const,
        dueOn: '2026-12-02',
        daysOverdue: 1,
        link: 'http://gate.test/staff/proposals/7',
      },
    ];
    const params = { name: '札幌 花子', items, link: 'http://gate.test/staff/proposals' };
    const ja = renderMail('overdueDigest', 'ja', params, signature('ja'));
    assert.equal(ja.subject, '目標期間を過ぎた提案が2件あります');
    assert.match(ja.text, /・R8-0012 公園の にぎわいづくり\n/);
    assert.match(ja.text, /2026年12月1日（2開庁日超過）/);
    assert.match(ja.text, /\n {2}http:\/\/gate\.test\/staff\/proposals\/12\n/);
    assert.match(ja.text, /ください。/);
    const en = renderMail(
      'overdueDigest',
      'en',
      { ...params, items: [items[1]!] },
      signature('en'),
    );
    assert.equal(en.subject, 'One proposal is past the time target');
    assert.match(en.text, /due 2 December 2026 \(1 working day overdue\)/);
    assert.match(en.text, /\nhttp:\/\/gate\.test\/staff\/proposals\n/);
    assert.throws(() =>
      renderStoredMail(
        'overdueDigest',
        'en',
        { ...params, items: [{ ...items[0], daysOverdue: 0 }] },
        signature('en'),
      ),
    );
  });

  it('types each template’s parameters', () => {
    assert.throws(() =>
      renderStoredMail(
        'verifyEmail',
        'en',
        // A reset's parameters do not fit the verification template.
        { name: 'x', link, expiresInMinutes: 30 },
        signature('en'),
      ),
    );
    // @ts-expect-error expiresInMinutes belongs to passwordReset, not verifyEmail.
    renderMail('verifyEmail', 'en', { name: 'x', link, expiresInMinutes: 30 }, signature('en'));
  });

  for (const lang of languages) {
    it(`invites to a meeting in ${lang} with the city's time and no place`, () => {
      const mail = renderStoredMail(
        'meetingScheduled',
        lang,
        {
          name: 'Hanako',
          title: '雪冷房の提案',
          receiptNumber: 'R8-0001',
          startsAt: '2026-12-10T05:00:00.000Z',
          timeZone: 'Asia/Tokyo',
          link,
        },
        signature(lang),
      );
      assert.ok(mail.subject.includes('R8-0001'));
      assert.ok(mail.text.includes(`\n${link}\n`), mail.text);
      assert.match(mail.text, lang === 'ja' ? /2026年12月10日.*14:00/ : /10 December 2026.*14:00/);
    });
  }
});
