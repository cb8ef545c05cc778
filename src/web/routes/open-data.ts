import type { FastifyInstance, FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../../domain/open-data.ts';
import { allPublicCases } from '../../db/queries/cases.ts';
import { allPublicChallenges } from '../../db/queries/challenges.ts';
import { themeCallPhase } from '../../domain/theme-call.ts';

/** The most records one open-data file holds. */
const MAX_RECORDS = 100_000;

type Record = { [column: string]: string | number | null | string[] };

/** Published challenges and cases as CSV (UTF-8 with BOM, for Excel in Japan) and JSON. */
export function registerOpenData(app: FastifyInstance): void {
  const db = app.gate.database.db;
  const base = () => app.gate.config.publicUrl;

  const challenges = async (): Promise<Record[]> => {
    const tenant = app.gate.tenant();
    const today = app.gate.today();
    const rows = await allPublicChallenges(db, tenant.id, MAX_RECORDS);
    return rows.map((row) => ({
      id: row.id,
      url: `${base()}/challenges/${row.id}`,
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
          ? themeCallPhase({ opensOn: row.call_opens_on, closesOn: row.call_closes_on }, today)
          : null,
      published_at: row.published_at?.toISOString() ?? null,
      updated_at: row.updated_at.toISOString(),
    }));
  };

  const cases = async (): Promise<Record[]> => {
    const tenant = app.gate.tenant();
    const rows = await allPublicCases(db, tenant.id, 'city', MAX_RECORDS);
    const others = await allPublicCases(db, tenant.id, 'other-cities', MAX_RECORDS);
    return [...rows, ...others].map((row) => ({
      id: row.id,
      url: `${base()}/cases/${row.id}`,
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
      published_at: row.published_at?.toISOString() ?? null,
    }));
  };

  const routes = { challenges, cases };
  for (const [name, load] of Object.entries(routes)) {
    app.get(`/open-data/${name}.json`, { config: { cache: true } }, async (_request, reply) => {
      const records = await load();
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(JSON.stringify({ count: records.length, records }));
    });
    app.get(`/open-data/${name}.csv`, { config: { cache: true } }, async (_request, reply) => {
      const records = await load();
      return sendCsv(reply, `${name}.csv`, records);
    });
  }
}

/** CSV per RFC 4180 with a byte-order mark; list cells joined by '|'; formulas neutralised. */
function sendCsv(reply: FastifyReply, filename: string, records: Record[]): FastifyReply {
  const columns = Object.keys(records[0] ?? {});
  const body = stringify(records, {
    bom: true,
    header: true,
    columns,
    record_delimiter: 'windows',
    cast: {
      string: (value) => neutraliseCell(value),
      object: (value) => (Array.isArray(value) ? neutraliseCell(value.join('|')) : ''),
      number: (value) => String(value),
    },
  });
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}
