import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { neutraliseCell } from '../../domain/open-data.ts';
import { themeCallPhase } from '../../domain/theme-call.ts';
import { publicCaseBatch } from '../../db/queries/cases.ts';
import { publicChallengeBatch } from '../../db/queries/challenges.ts';

/** Records read from the database at a time; bounds memory at any size of data. */
const BATCH_SIZE = 1_000;

type Cell = string | number | null | string[];
type Row = Record<string, Cell>;

interface Dataset {
  columns: readonly string[];
  /** Records in order, a batch at a time. */
  batches(): AsyncGenerator<Row[]>;
}

const challengeColumns = [
  'id',
  'url',
  'status',
  'title_ja',
  'title_en',
  'department_ja',
  'department_en',
  'fields',
  'concepts',
  'situation_ja',
  'situation_en',
  'wanted_ja',
  'wanted_en',
  'outcome_ja',
  'outcome_en',
  'offer_ja',
  'offer_en',
  'theme_call_opens_on',
  'theme_call_closes_on',
  'theme_call_status',
  'published_at',
  'updated_at',
] as const;

const caseColumns = [
  'id',
  'url',
  'origin',
  'municipality_ja',
  'municipality_en',
  'year',
  'partners_ja',
  'partners_en',
  'title_ja',
  'title_en',
  'summary_ja',
  'summary_en',
  'fields',
  'methods',
  'source_url',
  'source_note_ja',
  'source_note_en',
  'published_at',
  'period_ja',
  'period_en',
  'activities_ja',
  'activities_en',
  'results_ja',
  'results_en',
  'translation_pending',
] as const;

/** Reads a list by descending id, one bounded batch after another. */
async function* byId<T extends { id: number }>(
  fetch: (beforeId: number | undefined) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let beforeId: number | undefined;
  for (;;) {
    const rows = await fetch(beforeId);
    if (rows.length > 0) {
      yield rows;
    }
    if (rows.length < BATCH_SIZE) {
      return;
    }
    beforeId = rows[rows.length - 1]!.id;
  }
}

/** Published challenges and cases as CSV (UTF-8 with BOM, for Excel in Japan) and JSON. */
export function registerOpenData(app: FastifyInstance): void {
  const db = app.gate.database.db;
  const url = (path: string) => `${app.gate.config.publicUrl}${path}`;

  const challenges: Dataset = {
    columns: challengeColumns,
    async *batches() {
      const tenantId = app.gate.tenant().id;
      const today = app.gate.today();
      const fetch = (beforeId: number | undefined) =>
        publicChallengeBatch(db, tenantId, beforeId, BATCH_SIZE);
      for await (const rows of byId(fetch)) {
        yield rows.map((row) => ({
          id: row.id,
          url: url(`/challenges/${row.id}`),
          status: row.status === 'closed' ? 'closed' : 'open',
          title_ja: row.title_ja,
          title_en: row.title_en,
          department_ja: row.department_ja,
          department_en: row.department_en,
          fields: row.field_codes,
          concepts: row.concept_codes,
          situation_ja: row.situation_ja,
          situation_en: row.situation_en,
          wanted_ja: row.wanted_ja,
          wanted_en: row.wanted_en,
          outcome_ja: row.outcome_ja,
          outcome_en: row.outcome_en,
          offer_ja: row.offer_ja,
          offer_en: row.offer_en,
          theme_call_opens_on: row.call_opens_on,
          theme_call_closes_on: row.call_closes_on,
          theme_call_status:
            row.call_opens_on && row.call_closes_on
              ? themeCallPhase(
                  {
                    opensOn: row.call_opens_on,
                    closesOn: row.call_closes_on,
                    challengeStatus: row.status,
                  },
                  today,
                )
              : null,
          published_at: row.published_at?.toISOString() ?? null,
          updated_at: row.updated_at.toISOString(),
        }));
      }
    },
  };

  const cases: Dataset = {
    columns: caseColumns,
    async *batches() {
      const tenantId = app.gate.tenant().id;
      const fetch = (beforeId: number | undefined) =>
        publicCaseBatch(db, tenantId, beforeId, BATCH_SIZE);
      for await (const rows of byId(fetch)) {
        yield rows.map((row) => ({
          id: row.id,
          url: url(`/cases/${row.id}`),
          origin: row.origin,
          municipality_ja: row.municipality_ja,
          municipality_en: row.municipality_en,
          year: row.year,
          partners_ja: row.partners_ja,
          partners_en: row.partners_en,
          title_ja: row.title_ja,
          title_en: row.title_en,
          summary_ja: row.summary_ja,
          summary_en: row.summary_en,
          fields: row.field_codes,
          methods: row.method_codes,
          source_url: row.source_url,
          source_note_ja: row.source_note_ja,
          source_note_en: row.source_note_en,
          published_at: row.published_at?.toISOString() ?? null,
          period_ja: row.period_ja,
          period_en: row.period_en,
          activities_ja: row.activities_ja,
          activities_en: row.activities_en,
          results_ja: row.results_ja,
          results_en: row.results_en,
          translation_pending: row.translation_pending ? 'yes' : 'no',
        }));
      }
    },
  };

  for (const [name, dataset] of Object.entries({ challenges, cases })) {
    app.get(`/open-data/${name}.json`, async (_request, reply) =>
      send(reply, 'application/json; charset=utf-8', json(dataset)),
    );
    app.get(`/open-data/${name}.csv`, async (_request, reply) =>
      send(reply, 'text/csv; charset=utf-8', csv(dataset)).header(
        'content-disposition',
        `attachment; filename="${name}.csv"`,
      ),
    );
  }
}

/** Streams the file as it is read, so a large list never sits whole in memory. */
function send(reply: FastifyReply, type: string, body: AsyncGenerator<string>): FastifyReply {
  return reply
    .header('content-type', type)
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .send(Readable.from(body));
}

/** `{"records":[…],"count":n}`, written record by record. */
async function* json(dataset: Dataset): AsyncGenerator<string> {
  let count = 0;
  yield '{"records":[';
  for await (const rows of dataset.batches()) {
    yield rows.map((row) => (count++ === 0 ? '' : ',') + JSON.stringify(row)).join('');
  }
  yield `],"count":${count}}`;
}

/** CSV per RFC 4180 with a byte-order mark; list cells joined by '|'; formulas neutralised. */
async function* csv(dataset: Dataset): AsyncGenerator<string> {
  const options = {
    columns: [...dataset.columns],
    record_delimiter: 'windows' as const,
    cast: {
      string: (value: string) => neutraliseCell(value),
      object: (value: object) => (Array.isArray(value) ? neutraliseCell(value.join('|')) : ''),
      number: (value: number) => String(value),
    },
  };
  yield stringify([], { ...options, bom: true, header: true });
  for await (const rows of dataset.batches()) {
    yield stringify(rows, options);
  }
}
