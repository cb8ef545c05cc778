import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { moveProposal } from '../../src/app/process/move.ts';
import { proposerVisitor, staffVisitor, Visitor } from '../support/accounts.ts';
import { testDatabaseKinds } from '../support/database.ts';
import {
  adoptedProposal,
  authorOf,
  deliveryCast,
  processEnv,
  type DeliveryCast,
} from '../support/delivery.ts';
import { titleOf } from '../support/html.ts';
import { tinyPdf } from '../support/multipart.ts';
import { startGate, type TestGate } from '../support/server.ts';

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

/** A selection form as a browser posts it: the city pays 2.5 million yen in 2027. */
function selectionFields(changes: Record<string, string> = {}): Record<string, string> {
  return {
    version: '0',
    burdenKind: 'pays',
    'burdenYear-0': '2027',
    'burdenAmount-0': '2,500,000',
    exclusivityTime: 'low',
    exclusiveMonths: '',
    exclusivityTimeNote: '冬季のみ',
    exclusivitySpace: 'low',
    exclusivitySpaceNote: '',
    implementerKind: 'proposer',
    method: 'contractProcedure',
    staffReason: '',
    ...changes,
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`delivery pages (${kind} database)`, () => {
    let gate: TestGate;
    let cast: DeliveryCast;
    let proposer: Visitor;
    let other: Visitor;
    let lead: Visitor;
    let author: Awaited<ReturnType<typeof authorOf>>;
    let id: number;
    const page = () => `/staff/proposals/${id}`;

    const stateOf = async (proposalId: number) =>
      (
        await gate.database.db
          .selectFrom('proposal')
          .select('state')
          .where('id', '=', proposalId)
          .executeTakeFirstOrThrow()
      ).state;

    before(async () => {
      gate = await startGate(kind);
      proposer = await proposerVisitor(gate, 'p@example.jp', 'P Co.');
      other = await proposerVisitor(gate, 'other@example.jp', 'Other Co.');
      author = await authorOf(gate, 'p@example.jp');
      cast = await deliveryCast(gate, 'pages');
      lead = (
        await staffVisitor(gate, 'lead-web@city.example.jp', [
          { role: 'departmentStaff', departmentId: cast.departmentId },
        ])
      ).visitor;
      id = await adoptedProposal(gate, cast, author, '除雪の連携');
    });
    after(() => gate.close());

    it('starts the selection from the work page, and refuses the agreement before the record', async () => {
      const opened = await lead.get(page());
      assert.equal(opened.statusCode, 200);
      assert.match(opened.body, /事業実施主体の選定を始める/);
      const moved = await lead.post(`${page()}/move`, { to: 'selection' });
      assert.equal(location(moved), page());
      assert.equal(await stateOf(id), 'selection');

      const refused = await lead.submit(page(), { to: 'agreement' }, `${page()}/move`);
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /事業実施主体の選定を記録してから協定・契約に進んでください/);
      assert.equal(await stateOf(id), 'selection');
    });

    it('shows the selection form’s problems in both languages, keeping what was typed', async () => {
      await lead.get(page());
      const wrong = await lead.post(
        `${page()}/selection`,
        selectionFields({ 'ground-patent': 'yes', method: 'directSelection' }),
      );
      assert.equal(wrong.statusCode, 400);
      assert.match(titleOf(wrong.body) ?? '', /^エラー/);
      assert.match(wrong.body, /この根拠の裏付けを入力してください。/);
      // While a fact is wrong, so may be the recommendation: no reason is asked for yet.
      assert.doesNotMatch(wrong.body, /推奨と異なる方法を選ぶ理由を入力してください。/);
      assert.match(wrong.body, /冬季のみ/);
      assert.match(wrong.body, /value="2,500,000"/);
      const unexplained = await lead.post(
        `${page()}/selection`,
        selectionFields({
          'ground-patent': 'yes',
          'evidence-patent': '特許第1234567号',
          method: 'directSelection',
        }),
      );
      assert.equal(unexplained.statusCode, 400);
      assert.match(unexplained.body, /推奨と異なる方法を選ぶ理由を入力してください。/);
      const zero = await lead.post(
        `${page()}/selection`,
        selectionFields({ 'burdenAmount-0': '0' }),
      );
      assert.equal(zero.statusCode, 400);
      assert.match(zero.body, /どの年度も0円です。/);
      assert.doesNotMatch(zero.body, /推奨と異なる方法を選ぶ理由/);

      await lead.get(`/en${page()}`);
      const english = await lead.post(
        `/en${page()}/selection`,
        selectionFields({ 'burdenYear-0': '27', exclusivitySpace: '' }),
      );
      assert.equal(english.statusCode, 400);
      assert.match(english.body, /Enter the fiscal year as digits, between 2000 and 2200\./);
      assert.match(english.body, /Choose high or low\./);
      assert.match(english.body, /冬季のみ/);
    });

    it('stores the record and shows the recommendation in words with the warning', async () => {
      await lead.get(page());
      const saved = await lead.post(
        `${page()}/selection`,
        selectionFields({ method: 'directSelection', staffReason: '既存の契約の範囲で行えるため' }),
      );
      assert.equal(saved.statusCode, 303, saved.body);
      const shown = await lead.get(page());
      assert.match(shown.body, /推奨：法令に基づく契約手続/);
      assert.match(shown.body, /合計2,500,000円/);
      assert.match(shown.body, /他の事業者の入札・参加を妨げる仕様にしてはいけません/);
      assert.match(shown.body, /既存の契約の範囲で行えるため/);
      const english = await lead.get(`/en${page()}`);
      assert.match(english.body, /Recommended: A contract procedure under the law/);
      assert.match(english.body, /must not shut out other bidders/);

      // A second save from the page opened before the first is refused with words.
      const stale = await lead.post(`${page()}/selection`, selectionFields());
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /他の方がこの記録を保存しました/);
    });

    it('shows the record to the proposer, and nothing to another organisation', async () => {
      const mine = await proposer.get(`/my/proposals/${id}`);
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /事業実施主体の選定/);
      assert.match(mine.body, /公募によらない選定（随意）/);
      assert.match(mine.body, /既存の契約の範囲で行えるため/);
      assert.match(mine.body, /法令に基づく契約手続が必要です/);
      assert.doesNotMatch(mine.body, /冬季のみ/, 'staff notes stay with the city');
      assert.equal((await other.get(`/my/proposals/${id}`)).statusCode, 404);
    });

    it('records the agreement with a signed document the proposer may download', async () => {
      assert.ok((await moveProposal(processEnv(gate), cast.gateStaff, id, 'agreement', '')).ok);
      const form = await lead.get(page());
      assert.match(form.body, /enctype="multipart\/form-data"/);
      assert.match(form.body, /value="P Co\."/, 'the implementer is filled in');
      const fields: [string, string][] = [
        ['version', '0'],
        ['kind', 'agreement'],
        ['agreementTitle', '除雪の連携協定'],
        ['partyName-0', '札幌市'],
        ['partyRoles-0', '計画の共有'],
        ['partyName-1', 'P Co.'],
        ['partyRoles-1', '車両の提供'],
        ['cityRoles', '計画を共有します。'],
        ['partnerRoles', '除雪を行います。'],
        ['signedOn', '2026-12-01'],
        ['startsOn', '2026-12-10'],
        ['endsOn', '2026-12-09'],
      ];
      const wrong = await lead.postMultipart(`${page()}/agreement`, fields);
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /終了日は開始日以降の日付を入力してください。/);
      assert.match(wrong.body, /除雪の連携協定/);
      // A signature cannot be dated after today, nor a date fall centuries away.
      const ahead = await lead.postMultipart(
        `${page()}/agreement`,
        fields.map(([name, value]) =>
          name === 'signedOn'
            ? [name, '2030-01-01']
            : name === 'endsOn'
              ? [name, '9999-12-31']
              : [name, value],
        ),
      );
      assert.equal(ahead.statusCode, 400);
      assert.match(ahead.body, /実際に締結した日（今日まで）を入力してください/);
      assert.match(ahead.body, /2000年から2200年までの範囲で入力してください/);

      const saved = await lead.postMultipart(
        `${page()}/agreement`,
        fields.map(([name, value]) => [name, name === 'endsOn' ? '2027-03-31' : value]),
        [{ name: 'agreementFiles', filename: 'signed.pdf', content: tinyPdf }],
      );
      assert.equal(saved.statusCode, 303, saved.body);
      const file = await gate.database.db
        .selectFrom('delivery_file')
        .select('id')
        .where('proposal_id', '=', id)
        .executeTakeFirstOrThrow();
      const url = `/proposals/${id}/delivery-files/${file.id}`;
      const mine = await proposer.get(`/my/proposals/${id}`);
      assert.match(mine.body, /車両の提供/);
      assert.ok(mine.body.includes(url));
      const download = await proposer.get(url);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.equal((await other.get(url)).statusCode, 404);
    });

    it('opens a theme call from the proposal that shows nothing confidential', async () => {
      const callId = await adoptedProposal(gate, cast, author, '公募する除雪', { selection: true });
      const work = `/staff/proposals/${callId}`;
      await lead.get(work);
      const saved = await lead.post(
        `${work}/selection`,
        selectionFields({ burdenKind: 'none', exclusivitySpace: 'high', method: '' }),
      );
      assert.equal(saved.statusCode, 303, saved.body);
      const shown = await lead.get(work);
      assert.match(shown.body, /推奨：公募/);
      assert.match(shown.body, /この提案からテーマ型募集を始める/);

      const wrong = await lead.post(`${work}/open-call`, { callDays: '千日' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /日数は1〜365の整数で入力してください。/);
      assert.match(wrong.body, /value="千日"/);
      assert.equal((await lead.post(`${work}/open-call`, { callDays: '14' })).statusCode, 303);
      const challenge = await gate.database.db
        .selectFrom('challenge')
        .select('id')
        .where('title_ja', '=', '公募する除雪')
        .executeTakeFirstOrThrow();
      const link = `/challenges/${challenge.id}`;
      assert.ok((await lead.get(work)).body.includes(`href="${link}"`));
      assert.ok((await proposer.get(`/my/proposals/${callId}`)).body.includes(`href="${link}"`));

      const publicPage = await new Visitor(gate.app).get(link);
      assert.equal(publicPage.statusCode, 200);
      assert.match(publicPage.body, /除雪の担い手が不足しています。/);
      assert.doesNotMatch(publicPage.body, /秘密の配車アルゴリズム/);

      const again = await lead.post(`${work}/open-call`, { callDays: '14' });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /すでにテーマ型募集を始めています/);
    });

    it('records indicators and actuals, and wants the verification in the reader’s words', async () => {
      assert.ok(
        (await moveProposal(processEnv(gate), cast.departmentStaff, id, 'implementation', '')).ok,
      );
      await lead.get(page());
      assert.equal((await lead.post(`${page()}/indicators`, { takeOver: 'yes' })).statusCode, 303);
      // The same button pressed twice takes the indicators over once.
      const twice = await lead.post(`${page()}/indicators`, { takeOver: 'yes' });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /すでに成果指標があります/);
      const listed = await gate.database.db
        .selectFrom('project_indicator')
        .select('id')
        .where('proposal_id', '=', id)
        .execute();
      assert.equal(listed.length, 1);
      const indicator = await gate.database.db
        .selectFrom('project_indicator')
        .select(['id', 'target'])
        .where('proposal_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(indicator.target), 20);
      const badValue = await lead.post(`${page()}/indicator-actuals`, {
        actualIndicator: String(indicator.id),
        actualPeriod: '2027年度',
        actualValue: 'たくさん',
      });
      assert.equal(badValue.statusCode, 400);
      assert.match(badValue.body, /半角数字で入力してください/);
      assert.match(badValue.body, /value="たくさん"/);
      const huge = await lead.post(`${page()}/indicator-actuals`, {
        actualIndicator: String(indicator.id),
        actualPeriod: '2027年度',
        actualValue: '99999999999999999999999',
      });
      assert.equal(huge.statusCode, 400);
      assert.match(huge.body, /1兆までの数で、小数は6桁までです/);
      const saved = await lead.post(`${page()}/indicator-actuals`, {
        actualIndicator: String(indicator.id),
        actualPeriod: '2027年度',
        actualValue: '15',
      });
      assert.equal(saved.statusCode, 303);
      const mine = await proposer.get(`/my/proposals/${id}`);
      assert.match(mine.body, /2027年度/);
      assert.match(mine.body, /75%/);

      // The project's attachments are the city's working papers: not for the proposer.
      await lead.get(page());
      const attached = await lead.postMultipart(
        `${page()}/project-files`,
        [],
        [{ name: 'projectFiles', filename: 'progress.pdf', content: tinyPdf }],
      );
      assert.equal(attached.statusCode, 303);
      const projectFile = await gate.database.db
        .selectFrom('delivery_file')
        .select('id')
        .where('proposal_id', '=', id)
        .where('purpose', '=', 'project')
        .executeTakeFirstOrThrow();
      const fileUrl = `/proposals/${id}/delivery-files/${projectFile.id}`;
      assert.equal((await lead.get(fileUrl)).statusCode, 200);
      assert.equal((await proposer.get(fileUrl)).statusCode, 404);

      assert.ok(
        (await moveProposal(processEnv(gate), cast.departmentStaff, id, 'verification', '')).ok,
      );
      await lead.get(`/en${page()}`);
      const missing = await lead.post(`/en${page()}/verification`, {
        version: '0',
        worked: 'Early shifts',
        continuation: 'continue',
        needsCityMoney: 'yes',
      });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Early shifts/);
      assert.match(missing.body, /Continuing with city money needs a contract procedure/);
    });
  });
}
