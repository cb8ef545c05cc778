import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registerOrganisation } from '../../src/app/accounts/registration.ts';
import { createDraft, loadProposal, saveDraft } from '../../src/app/proposals/drafts.ts';
import { submitProposal } from '../../src/app/proposals/submit.ts';
import type { ProposalContent } from '../../src/domain/proposal.ts';
import type { Tenant } from '../../src/db/schema.ts';
import { testNow, fixedClock } from '../support/clock.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/database.ts';
import { sapporo } from '../support/factories.ts';

const day = 24 * 60 * 60_000;

for (const kind of testDatabaseKinds()) {
  describe(`proposal drafts and submission (${kind})`, () => {
    let database: TestDatabase;
    let tenant: Tenant;
    const clock = fixedClock();
    let author: { userId: number; organisationId: number; email: string; name: string; lang: 'ja' };
    let eligibility: string[];
    let complete: ProposalContent;

    const env = () => ({
      db: database.db,
      clock,
      tenantId: tenant.id,
      timeZone: tenant.time_zone,
      publicUrl: 'http://gate.test',
    });

    before(async () => {
      database = await createTestDatabase(kind);
      tenant = (await sapporo(database.db)).tenant;
      await registerOrganisation(
        { ...env(), origin: { clientAddress: null, requestId: null } },
        {
          organisation: {
            name: 'Odori Mobility',
            kind: 'company',
            corporateNumber: '',
            address: '',
            website: '',
          },
          member: {
            name: '大通 太郎',
            email: 'taro@odori.example.jp',
            password: 'a long and quiet river 2026',
            lang: 'ja',
          },
        },
      );
      const user = await database.db
        .selectFrom('user_account as u')
        .innerJoin('organisation_member as m', 'm.user_id', 'u.id')
        .select(['u.id', 'm.organisation_id'])
        .where('u.email', '=', 'taro@odori.example.jp')
        .executeTakeFirstOrThrow();
      author = {
        userId: user.id,
        organisationId: user.organisation_id,
        email: 'taro@odori.example.jp',
        name: '大通 太郎',
        lang: 'ja',
      };
      eligibility = (
        await database.db
          .selectFrom('eligibility_ground')
          .select('code')
          .where('tenant_id', '=', tenant.id)
          .execute()
      ).map((row) => row.code);
      const field = await database.db
        .selectFrom('field')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .executeTakeFirstOrThrow();
      const mark = { mark: 'disclosable' as const, reason: '' };
      complete = {
        title: '冬の歩道を温める実証実験',
        summary: '地中熱で歩道の凍結を防ぎます。',
        sections: {
          problem: '冬の転倒事故',
          approach: '地中熱ヒートポンプ',
          effects: '転倒の減少',
          contribution: '機器と技術者',
        },
        disclosure: Object.fromEntries(
          [
            'summary',
            'problem',
            'approach',
            'effects',
            'contribution',
            'cityRequests',
            'burden',
            'period',
            'occupancy',
            'trackRecord',
          ].map((section) => [
            section,
            section === 'approach' ? { mark: 'confidential', reason: '独自技術' } : mark,
          ]),
        ) as ProposalContent['disclosure'],
        cityRequests: ['venue'],
        burdenKind: 'none',
        burden: [],
        indicators: [
          { name: '転倒件数', target: '30', unit: '%減' },
          { name: '除雪費', target: '10', unit: '%減' },
        ],
        methodIds: [],
        fieldIds: [field.id],
        conceptIds: [],
        eligibility,
        privacyNoticeAccepted: true,
      };
    });
    after(() => database.close());

    it('keeps a draft as saved and refuses a save over a newer version', async () => {
      const id = await createDraft(env(), author, { kind: 'free' });
      const first = await saveDraft(env(), author, id, 1, { ...complete, title: 'first' });
      assert.deepEqual(first, { ok: true, version: 2 });
      // A colleague who opened version 1 saves later: refused, nothing overwritten.
      const second = await saveDraft(env(), author, id, 1, { ...complete, title: 'second' });
      assert.deepEqual(second, { ok: false, reason: 'conflict', currentVersion: 2 });
      const stored = await loadProposal(database.db, tenant.id, id);
      assert.equal(stored?.content.title, 'first');
      assert.deepEqual(stored?.content.indicators, complete.indicators);
      assert.equal(stored?.content.disclosure.approach?.mark, 'confidential');
    });

    it('does not let another organisation save over a draft', async () => {
      const id = await createDraft(env(), author, { kind: 'free' });
      const result = await saveDraft(env(), { ...author, organisationId: 999 }, id, 1, complete);
      assert.deepEqual(result, { ok: false, reason: 'notEditable' });
    });

    it('names every missing part of an incomplete draft instead of submitting it', async () => {
      const id = await createDraft(env(), author, { kind: 'free' });
      const result = await submitProposal(env(), author, id, eligibility);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.reason === 'incomplete');
      const parts = result.parts.map((part) => part.part);
      for (const part of ['title', 'summary', 'problem', 'indicators', 'fields', 'privacy']) {
        assert.ok(parts.includes(part), part);
      }
      assert.ok(parts.includes(`eligibility-${eligibility[0]}`));
    });

    it('turns twenty simultaneous submissions of one draft into one proposal and one receipt', async () => {
      const id = await createDraft(env(), author, { kind: 'free' }, complete);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => submitProposal(env(), author, id, eligibility)),
      );
      const numbers = new Set(results.map((r) => (r.ok ? r.receiptNumber : r.reason)));
      assert.equal(numbers.size, 1);
      assert.equal(results.filter((r) => r.ok && !r.already).length, 1);
      const [number] = [...numbers];
      assert.match(String(number), /^2026-\d{4}$/);
      const events = await database.db
        .selectFrom('proposal_event')
        .select('to_state')
        .where('proposal_id', '=', id)
        .execute();
      assert.deepEqual(events, [{ to_state: 'submitted' }]);
      const mails = await database.db
        .selectFrom('mail_outbox')
        .select('params')
        .where('template', '=', 'proposalReceived')
        .execute();
      assert.equal(
        mails.filter((m) => JSON.stringify(m.params).includes(String(number))).length,
        1,
      );
    });

    it('numbers receipts one after another within a fiscal year, and afresh in the next', async () => {
      const a = await createDraft(env(), author, { kind: 'free' }, complete);
      const b = await createDraft(env(), author, { kind: 'free' }, complete);
      const first = await submitProposal(env(), author, a, eligibility);
      const second = await submitProposal(env(), author, b, eligibility);
      assert.ok(first.ok && second.ok);
      const serial = (n: string) => Number(n.split('-')[1]);
      assert.equal(serial(second.receiptNumber), serial(first.receiptNumber) + 1);

      clock.set(new Date('2027-04-01T00:00:00Z')); // 1 April 2027, 9:00 in Sapporo: FY2027
      try {
        const c = await createDraft(env(), author, { kind: 'free' }, complete);
        const next = await submitProposal(env(), author, c, eligibility);
        assert.ok(next.ok);
        assert.equal(next.receiptNumber, '2027-0001');
      } finally {
        clock.set(testNow);
      }
    });

    it('refuses a theme proposal once its call has closed, even from a draft started earlier', async () => {
      const call = await database.db
        .selectFrom('theme_call')
        .select(['id', 'challenge_id', 'closes_on'])
        .where('tenant_id', '=', tenant.id)
        .orderBy('closes_on', 'desc')
        .executeTakeFirstOrThrow();
      const id = await createDraft(
        env(),
        author,
        { kind: 'theme', challengeId: call.challenge_id, themeCallId: call.id, title: 'x' },
        complete,
      );
      const closesAt = new Date(`${call.closes_on}T00:00:00+09:00`).getTime();
      clock.set(new Date(closesAt + 2 * day));
      try {
        const result = await submitProposal(env(), author, id, eligibility);
        assert.deepEqual(result, { ok: false, reason: 'callClosed', closesOn: call.closes_on });
        const stored = await loadProposal(database.db, tenant.id, id);
        assert.equal(stored?.proposal.state, 'draft');
      } finally {
        clock.set(testNow);
      }
      const open = await submitProposal(env(), author, id, eligibility);
      assert.equal(open.ok, true);
    });
  });
}
