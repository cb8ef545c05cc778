import type { Kysely } from 'kysely';
import type { BudgetRequestState, Database } from '../../db/schema.ts';

/** A fund with what is asked of it and still open. */
export interface FundSummary {
  id: number;
  fiscalYear: number;
  amountYen: number;
  allocatedYen: number;
  note: string;
  openRequests: number;
  openYen: number;
}

/** A request as the budget pages show it. */
export interface RequestRow {
  id: number;
  fiscalYear: number;
  proposalId: number;
  receiptNumber: string | null;
  proposalTitle: string;
  departmentId: number;
  amountYen: number;
  purpose: string;
  state: BudgetRequestState;
  allocatedYen: number | null;
  decisionNote: string;
  requestedBy: number;
  requesterName: string;
  requestedAt: Date;
  decidedAt: Date | null;
}

/** Every fund of the tenant, the newest fiscal year first. */
export async function listFunds(db: Kysely<Database>, tenantId: number): Promise<FundSummary[]> {
  const rows = await db
    .selectFrom('partnership_fund as f')
    .leftJoin('budget_request as r', (join) =>
      join.onRef('r.fund_id', '=', 'f.id').on('r.state', '=', 'requested'),
    )
    .select((eb) => [
      'f.id',
      'f.fiscal_year',
      'f.amount_yen',
      'f.allocated_yen',
      'f.note',
      eb.fn.count<number>('r.id').as('open_requests'),
      eb.fn.coalesce(eb.fn.sum<number>('r.amount_yen'), eb.lit(0)).as('open_yen'),
    ])
    .where('f.tenant_id', '=', tenantId)
    .groupBy(['f.id', 'f.fiscal_year', 'f.amount_yen', 'f.allocated_yen', 'f.note'])
    .orderBy('f.fiscal_year', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    fiscalYear: row.fiscal_year,
    amountYen: Number(row.amount_yen),
    allocatedYen: Number(row.allocated_yen),
    note: row.note,
    openRequests: Number(row.open_requests),
    openYen: Number(row.open_yen),
  }));
}

/** The fund of one fiscal year, if the gate has created it. */
export async function fundOfYear(
  db: Kysely<Database>,
  tenantId: number,
  fiscalYear: number,
): Promise<FundSummary | undefined> {
  return (await listFunds(db, tenantId)).find((fund) => fund.fiscalYear === fiscalYear);
}

function requestQuery(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('budget_request as r')
    .innerJoin('partnership_fund as f', 'f.id', 'r.fund_id')
    .innerJoin('proposal as p', 'p.id', 'r.proposal_id')
    .innerJoin('user_account as u', 'u.id', 'r.requested_by')
    .select([
      'r.id',
      'f.fiscal_year as fiscalYear',
      'r.proposal_id as proposalId',
      'p.receipt_number as receiptNumber',
      'p.title as proposalTitle',
      'r.department_id as departmentId',
      'r.amount_yen as amountYen',
      'r.purpose',
      'r.state',
      'r.allocated_yen as allocatedYen',
      'r.decision_note as decisionNote',
      'r.requested_by as requestedBy',
      'u.name as requesterName',
      'r.requested_at as requestedAt',
      'r.decided_at as decidedAt',
    ])
    .where('r.tenant_id', '=', tenantId);
}

function asRow(row: RequestRow): RequestRow {
  return {
    ...row,
    amountYen: Number(row.amountYen),
    allocatedYen: row.allocatedYen === null ? null : Number(row.allocatedYen),
  };
}

/** The requests on one fund: open ones first, each group oldest first. */
export async function requestsOfFund(
  db: Kysely<Database>,
  tenantId: number,
  fundId: number,
): Promise<RequestRow[]> {
  const rows = await requestQuery(db, tenantId)
    .where('r.fund_id', '=', fundId)
    .orderBy('r.requested_at')
    .orderBy('r.id')
    .execute();
  const open = rows.filter((row) => row.state === 'requested');
  return [...open, ...rows.filter((row) => row.state !== 'requested')].map(asRow);
}

/** A proposal's requests, across fiscal years, oldest first. */
export async function requestsOfProposal(
  db: Kysely<Database>,
  tenantId: number,
  proposalId: number,
): Promise<RequestRow[]> {
  const rows = await requestQuery(db, tenantId)
    .where('r.proposal_id', '=', proposalId)
    .orderBy('r.requested_at')
    .orderBy('r.id')
    .execute();
  return rows.map(asRow);
}
