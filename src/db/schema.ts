import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Lang } from '../domain/language.ts';
import type { ProposalState, TimedPhase } from '../domain/proposal-state.ts';

/** Row types of the database, one interface per table (see the migrations). */

type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar date as 'YYYY-MM-DD'. */
type DateOnly = string;

export interface TenantTable {
  id: Id;
  slug: string;
  name_ja: string;
  name_en: string | null;
  gate_name_ja: string;
  gate_name_en: string | null;
  office_ja: string;
  office_en: string | null;
  intro_ja: string;
  intro_en: string | null;
  city_vision_ja: string | null;
  city_vision_en: string | null;
  opened_on: DateOnly | null;
  time_zone: Generated<string>;
  content_version: Generated<number>;
  created_at: CreatedAt;
  /** The fairness monitor flags exclusive arrangements held longer than this. */
  fairness_max_exclusive_months: Generated<number>;
}

export interface DepartmentTable {
  id: Id;
  tenant_id: number;
  parent_id: number | null;
  kind: 'bureau' | 'department' | 'section';
  code: string;
  name_ja: string;
  name_en: string | null;
  sort: Generated<number>;
  archived_at: Date | null;
}

export interface FieldTable {
  id: Id;
  tenant_id: number;
  code: string;
  name_ja: string;
  name_en: string | null;
  sort: Generated<number>;
}

export interface ConceptTable extends FieldTable {
  description_ja: string | null;
  description_en: string | null;
}

export interface PartnershipMethodTable {
  id: Id;
  tenant_id: number;
  code: string;
  name_ja: string;
  name_en: string | null;
  summary_ja: string;
  summary_en: string | null;
  when_to_use_ja: string | null;
  when_to_use_en: string | null;
  own_procedure: Generated<boolean>;
  sort: Generated<number>;
}

export interface EligibilityGroundTable {
  id: Id;
  tenant_id: number;
  code: string;
  text_ja: string;
  text_en: string | null;
  sort: Generated<number>;
}

export interface PartnerProgramTable {
  id: Id;
  tenant_id: number;
  code: string;
  name_ja: string;
  name_en: string | null;
  summary_ja: string;
  summary_en: string | null;
  department_id: number | null;
}

export interface PartnerCityTable {
  id: Id;
  tenant_id: number;
  code: string;
  name_ja: string;
  name_en: string | null;
  sort: Generated<number>;
}

export type ChallengeStatus =
  'draft' | 'submitted' | 'returned' | 'published' | 'closed' | 'archived';

export interface ChallengeTable {
  id: Id;
  tenant_id: number;
  seed_key: string | null;
  department_id: number;
  status: Generated<ChallengeStatus>;
  title_ja: string;
  title_en: string | null;
  situation_ja: string;
  situation_en: string | null;
  wanted_ja: string;
  wanted_en: string | null;
  outcome_ja: string | null;
  outcome_en: string | null;
  offer_ja: string | null;
  offer_en: string | null;
  partner_benefit_ja: string | null;
  partner_benefit_en: string | null;
  constraints_ja: string | null;
  constraints_en: string | null;
  contact_ja: string | null;
  contact_en: string | null;
  /** Terms of src/domain/search.ts for the public search. */
  search_terms: Generated<string[]>;
  published_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Generated<number>;
  background_ja: string | null;
  background_en: string | null;
  /** The solution the department imagines. */
  solution_ja: string | null;
  solution_en: string | null;
  challenge_call_id: number | null;
  /** The gate's comment when it returned the challenge to its department. */
  review_comment: string | null;
  submitted_at: Date | null;
  created_by: number | null;
}

export interface ChallengeFieldTable {
  tenant_id: number;
  challenge_id: number;
  field_id: number;
}

export interface ChallengeConceptTable {
  tenant_id: number;
  challenge_id: number;
  concept_id: number;
}

export interface ThemeCallTable {
  id: Id;
  tenant_id: number;
  challenge_id: number;
  opens_on: DateOnly;
  closes_on: DateOnly;
  question_deadline: DateOnly | null;
  conditions_ja: string | null;
  conditions_en: string | null;
  criteria_ja: string | null;
  criteria_en: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type CaseOrigin = 'own' | 'wide-area' | 'other-city';
export type CaseStatus = 'draft' | 'published' | 'archived';

export interface CaseTable {
  id: Id;
  tenant_id: number;
  seed_key: string | null;
  origin: Generated<CaseOrigin>;
  municipality_ja: string;
  municipality_en: string | null;
  year: number | null;
  partners_ja: string;
  partners_en: string | null;
  title_ja: string;
  title_en: string | null;
  summary_ja: string;
  summary_en: string | null;
  source_url: string | null;
  source_note_ja: string | null;
  source_note_en: string | null;
  /** Terms of src/domain/search.ts for the public search. */
  search_terms: Generated<string[]>;
  status: Generated<CaseStatus>;
  published_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Generated<number>;
  /** The proposal whose verified project the case tells; null for a case entered directly. */
  proposal_id: Generated<number | null>;
  /** The partner organisation that approves the case before it is published. */
  organisation_id: Generated<number | null>;
  /** What was done. */
  activities_ja: Generated<string | null>;
  activities_en: Generated<string | null>;
  /** What it achieved. */
  results_ja: Generated<string | null>;
  results_en: Generated<string | null>;
  period_ja: Generated<string | null>;
  period_en: Generated<string | null>;
  /** The English version is still to be written. */
  translation_pending: Generated<boolean>;
  approval: Generated<CaseApproval | null>;
  approval_comment: Generated<string | null>;
  approved_by: Generated<number | null>;
  approved_at: Generated<Date | null>;
  created_by: Generated<number | null>;
}

/** The partner's answer to a case draft: awaited, given, or sent back with a comment. */
export type CaseApproval = 'pending' | 'approved' | 'returned';

export interface CaseFieldTable {
  tenant_id: number;
  case_id: number;
  field_id: number;
}

export interface CaseMethodTable {
  tenant_id: number;
  case_id: number;
  method_id: number;
}

export type EventStatus = 'draft' | 'published' | 'cancelled';

export interface EventTable {
  id: Id;
  tenant_id: number;
  title_ja: string;
  title_en: string | null;
  description_ja: string;
  description_en: string | null;
  venue_ja: string | null;
  venue_en: string | null;
  starts_at: Date;
  ends_at: Date | null;
  capacity: number | null;
  status: Generated<EventStatus>;
  created_at: CreatedAt;
}

export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: Id;
  tenant_id: number;
  template: string;
  lang: Lang;
  to_address: string;
  /** The template's parameters; written as a JSON string, read back as an object. */
  params: ColumnType<unknown, string, string>;
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  /** When a pending row is due, or when the lease of a 'sending' row runs out. */
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Date | null;
}

export interface AppSecretTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

export type OrganisationKind = 'company' | 'npo' | 'university' | 'association' | 'other';

export interface OrganisationTable {
  id: Id;
  tenant_id: number;
  name: string;
  kind: OrganisationKind;
  corporate_number: string | null;
  address: string | null;
  website: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type UserKind = 'proposer' | 'staff';
export type UserStatus = 'invited' | 'active' | 'disabled';

export interface UserAccountTable {
  id: Id;
  tenant_id: number;
  kind: UserKind;
  /** Always stored in lower case. */
  email: string;
  name: string;
  lang: Generated<Lang>;
  password_hash: string | null;
  status: Generated<UserStatus>;
  email_verified_at: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totp_last_step: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  password_changed_at: Date | null;
}

export interface OrganisationMemberTable {
  organisation_id: number;
  user_id: number;
  role: 'admin' | 'member';
  joined_at: CreatedAt;
}

export type StaffRoleName =
  'gateStaff' | 'departmentStaff' | 'departmentApprover' | 'headquartersMember' | 'tenantAdmin';

export interface StaffRoleTable {
  id: Id;
  tenant_id: number;
  user_id: number;
  role: StaffRoleName;
  department_id: number | null;
  created_at: CreatedAt;
}

export interface RecoveryCodeTable {
  id: Id;
  user_id: number;
  code_hash: string;
  used_at: Date | null;
}

export type TokenPurpose =
  'verifyEmail' | 'resetPassword' | 'staffSetup' | 'invitation' | 'changeEmail';

export interface AccountTokenTable {
  id: Id;
  tenant_id: number;
  purpose: TokenPurpose;
  token_hash: string;
  user_id: number | null;
  organisation_id: number | null;
  email: string;
  created_by: number | null;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface UserSessionTable {
  id_hash: string;
  tenant_id: number;
  user_id: number | null;
  data: ColumnType<unknown, string, string>;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  user_agent: string | null;
  client_address: string | null;
}

export interface AuthThrottleTable {
  tenant_id: number;
  scope: string;
  key: string;
  failures: number;
  last_failure_at: Date;
  blocked_until: Date | null;
}

export interface AuditEventTable {
  id: ColumnType<number, never, never>;
  tenant_id: number;
  at: Date;
  action: string;
  actor_user_id: number | null;
  actor_email: string | null;
  target_kind: string | null;
  target_id: string | null;
  target_label: string | null;
  client_address: string | null;
  request_id: string | null;
  details: ColumnType<unknown, string | undefined, never>;
}

export interface ProposalTable {
  id: Id;
  tenant_id: number;
  organisation_id: number;
  kind: 'theme' | 'free';
  draft_key: string | null;
  challenge_id: number | null;
  theme_call_id: number | null;
  state: Generated<ProposalState>;
  /** Raised by every save: two members saving one draft are told, never overwritten. */
  version: Generated<number>;
  title: Generated<string>;
  summary: Generated<string>;
  /** Text by section (see src/domain/proposal.ts); written as JSON. */
  sections: ColumnType<Record<string, string>, string | undefined, string>;
  /** Disclosure mark and reason by section; written as JSON. */
  disclosure: ColumnType<
    Record<string, { mark: string; reason: string }>,
    string | undefined,
    string
  >;
  city_requests: ColumnType<string[], string[] | undefined, string[]>;
  burden_kind: Generated<'none' | 'estimate'>;
  /** Confirmed eligibility declarations: code → moment; written as JSON. */
  eligibility: ColumnType<Record<string, string>, string | undefined, string>;
  privacy_notice_version: string | null;
  receipt_number: string | null;
  fiscal_year: number | null;
  submitted_at: Date | null;
  submitted_by: number | null;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
  /** When the proposal entered its current state. */
  state_changed_at: Date | null;
  /** When its current timed phase (screening, matching…) began; null outside one. */
  phase_started_at: Generated<Date | null>;
  /** The working day the current phase's time target falls due. */
  due_on: Generated<DateOnly | null>;
  /** Put on the headquarters meeting's agenda; from then on its members may see it. */
  escalated_at: Generated<Date | null>;
  created_by: number;
  updated_by: number;
  created_at: Date;
  updated_at: Date;
}

export interface ProposalIndicatorTable {
  id: Id;
  proposal_id: number;
  position: number;
  name: string;
  target: string;
  unit: string;
}

export interface ProposalBurdenTable {
  id: Id;
  proposal_id: number;
  position: number;
  fiscal_year: number;
  amount_yen: number;
  upkeep: Generated<boolean>;
  note: string | null;
}

export interface ProposalMethodTable {
  proposal_id: number;
  method_id: number;
}

export interface ProposalFieldTable {
  proposal_id: number;
  field_id: number;
}

export interface ProposalConceptTable {
  proposal_id: number;
  concept_id: number;
}

export interface ProposalAttachmentTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  storage_key: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  disclosure: Generated<'confidential' | 'disclosable'>;
  disclosure_reason: string | null;
  uploaded_by: number;
  created_at: Date;
  removed_at: Date | null;
}

export interface ProposalEventTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  at: Date;
  actor_user_id: number | null;
  from_state: ProposalState | null;
  to_state: ProposalState;
  reason: string | null;
  visible_to_proposer: Generated<boolean>;
}

export interface ReceiptSequenceTable {
  tenant_id: number;
  fiscal_year: number;
  last_number: number;
}

export interface TimeTargetTable {
  tenant_id: number;
  phase: TimedPhase;
  working_days: number;
}

export interface ProposalAssignmentTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  department_id: number;
  role: 'lead' | 'supporting';
  assigned_by: number;
  assigned_at: Date;
}

export type ScreeningOutcome = 'infoRequested' | 'notAccepted' | 'referred' | 'review';

export interface ProposalScreeningTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  checks: ColumnType<Record<string, boolean>, string, never>;
  sales_pitch: boolean;
  outcome: ScreeningOutcome;
  note: string | null;
  screened_by: number;
  screened_at: Date;
}

export type Rating = 'high' | 'medium' | 'low';

export interface ProposalAssessmentTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  department_id: number;
  reviewer_id: number;
  contribution_rating: Rating;
  contribution: string;
  feasibility_rating: Rating;
  feasibility: string;
  strategy_fit_rating: Rating;
  strategy_fit: string;
  resources: string;
  outcome_targets: string;
  concerns: string;
  conflict: 'none' | 'declared';
  conflict_note: string;
  created_at: Date;
  updated_at: Date;
}

export type MessageKind = 'message' | 'note' | 'infoRequest' | 'infoResponse';

export interface ProposalMessageTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  author_id: number;
  kind: MessageKind;
  from_proposer: boolean;
  body: string;
  created_at: Date;
  /** The key of the form that posted it, so that the same form sent again posts nothing. */
  post_key: Generated<string | null>;
}

export interface MessageAttachmentTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  message_id: number;
  storage_key: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number;
  created_at: Date;
}

export interface ProposalMeetingTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  starts_at: Date;
  place: string;
  online_url: string | null;
  purpose: string;
  other_attendees: string;
  minutes: string;
  minutes_shared: boolean;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export interface ProposalMeetingAttendeeTable {
  meeting_id: number;
  user_id: number;
}

export interface HeadquartersSessionTable {
  id: Id;
  tenant_id: number;
  held_on: DateOnly;
  title: string;
  place: string;
  created_by: number;
  created_at: Date;
}

export interface HeadquartersMemberTable {
  session_id: number;
  user_id: number;
}

export interface HeadquartersItemTable {
  id: Id;
  tenant_id: number;
  session_id: number;
  proposal_id: number;
  position: number;
  note: string;
  outcome: 'adopted' | 'notAdopted' | null;
  reason: string | null;
  decided_by: number | null;
  decided_at: Date | null;
}

export interface ExpertOpinionTable {
  id: Id;
  tenant_id: number;
  item_id: number;
  expert_name: string;
  affiliation: string;
  body: string;
  storage_key: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  created_by: number;
  created_at: Date;
}

export interface ProposalDecisionTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  body: 'department' | 'headquarters';
  outcome: 'adopted' | 'notAdopted' | 'escalated';
  reason: string;
  decided_by: number;
  decided_at: Date;
}

export type SelectionMethodColumn = 'contractProcedure' | 'openCall' | 'directSelection';
export type ExclusivityLevelColumn = 'low' | 'high';

export interface SelectionRecordTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  /** The Burden of src/domain/implementer-selection.ts; written as JSON. */
  burden: ColumnType<unknown, string, string>;
  exclusivity_time: ExclusivityLevelColumn;
  exclusive_months: number | null;
  exclusivity_time_note: string;
  exclusivity_space: ExclusivityLevelColumn;
  exclusivity_space_note: string;
  /** Ground of originality → evidence; written as JSON. */
  originality: ColumnType<Record<string, string>, string, string>;
  recommended_method: SelectionMethodColumn;
  /** The SelectionReason list of the recommendation; written as JSON. */
  recommended_reasons: ColumnType<unknown, string, string>;
  method: SelectionMethodColumn;
  staff_reason: string;
  implementer_organisation_id: number | null;
  implementer_name: string;
  budget_year: number | null;
  procedure: string;
  procedure_result: string;
  theme_call_id: number | null;
  recorded_by: number;
  recorded_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export type AgreementKind = 'agreement' | 'contract' | 'memorandum';

export interface AgreementTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  kind: AgreementKind;
  title: string;
  city_roles: string;
  partner_roles: string;
  signed_on: DateOnly | null;
  starts_on: DateOnly;
  ends_on: DateOnly | null;
  recorded_by: number;
  recorded_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface AgreementPartyTable {
  id: Id;
  tenant_id: number;
  agreement_id: number;
  position: number;
  name: string;
  responsibilities: string;
  organisation_id: number | null;
}

export interface DeliveryFileTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  purpose: 'agreement' | 'project';
  storage_key: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number;
  created_at: Date;
  removed_at: Date | null;
}

export interface ProjectNoteTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  noted_on: DateOnly;
  body: string;
  written_by: number;
  created_at: Date;
}

export interface ProjectIndicatorTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  position: number;
  name: string;
  unit: string;
  target: number;
  created_at: Date;
}

export interface IndicatorActualTable {
  id: Id;
  tenant_id: number;
  indicator_id: number;
  period: string;
  value: number;
  note: string;
  recorded_by: number;
  recorded_at: Date;
}

export type Continuation = 'continue' | 'improve' | 'end';

export interface VerificationTable {
  id: Id;
  tenant_id: number;
  proposal_id: number;
  /** Project indicator id → what its result means; written as JSON. */
  indicator_results: ColumnType<Record<string, string>, string, string>;
  worked: string;
  fell_short: string;
  lessons: string;
  city_view: string;
  implementer_view: string;
  continuation: Continuation;
  needs_city_money: boolean;
  recorded_by: number;
  recorded_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

/** Yen amounts are bigint columns, read as numbers (see src/db/database.ts). */
type YenColumn = number;

export interface PartnershipFundTable {
  id: Id;
  tenant_id: number;
  fiscal_year: number;
  amount_yen: YenColumn;
  allocated_yen: Generated<number>;
  note: string;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export type BudgetRequestState = 'requested' | 'allocated' | 'declined' | 'withdrawn';

export interface BudgetRequestTable {
  id: Id;
  tenant_id: number;
  fund_id: number;
  proposal_id: number;
  department_id: number;
  amount_yen: YenColumn;
  purpose: string;
  state: Generated<BudgetRequestState>;
  allocated_yen: Generated<number | null>;
  decision_note: Generated<string>;
  requested_by: number;
  requested_at: Date;
  decided_by: number | null;
  decided_at: Date | null;
}

export interface DailyRunTable {
  tenant_id: number;
  kind: string;
  day: DateOnly;
  at: Date;
}

export interface Database {
  selection_record: SelectionRecordTable;
  agreement: AgreementTable;
  agreement_party: AgreementPartyTable;
  delivery_file: DeliveryFileTable;
  project_note: ProjectNoteTable;
  project_indicator: ProjectIndicatorTable;
  indicator_actual: IndicatorActualTable;
  verification: VerificationTable;
  partnership_fund: PartnershipFundTable;
  budget_request: BudgetRequestTable;
  tenant: TenantTable;
  department: DepartmentTable;
  field: FieldTable;
  concept: ConceptTable;
  partnership_method: PartnershipMethodTable;
  eligibility_ground: EligibilityGroundTable;
  partner_program: PartnerProgramTable;
  partner_city: PartnerCityTable;
  challenge: ChallengeTable;
  challenge_field: ChallengeFieldTable;
  challenge_concept: ChallengeConceptTable;
  theme_call: ThemeCallTable;
  case: CaseTable;
  case_field: CaseFieldTable;
  case_method: CaseMethodTable;
  event: EventTable;
  mail_outbox: MailOutboxTable;
  app_secret: AppSecretTable;
  organisation: OrganisationTable;
  user_account: UserAccountTable;
  organisation_member: OrganisationMemberTable;
  staff_role: StaffRoleTable;
  recovery_code: RecoveryCodeTable;
  account_token: AccountTokenTable;
  user_session: UserSessionTable;
  auth_throttle: AuthThrottleTable;
  audit_event: AuditEventTable;
  proposal: ProposalTable;
  proposal_indicator: ProposalIndicatorTable;
  proposal_burden: ProposalBurdenTable;
  proposal_method: ProposalMethodTable;
  proposal_field: ProposalFieldTable;
  proposal_concept: ProposalConceptTable;
  proposal_attachment: ProposalAttachmentTable;
  proposal_event: ProposalEventTable;
  receipt_sequence: ReceiptSequenceTable;
  challenge_call: ChallengeCallTable;
  challenge_call_department: ChallengeCallDepartmentTable;
  challenge_event: ChallengeEventTable;
  theme_question: ThemeQuestionTable;
  challenge_subscription: ChallengeSubscriptionTable;
  challenge_referral: ChallengeReferralTable;
  challenge_share: ChallengeShareTable;
  time_target: TimeTargetTable;
  proposal_assignment: ProposalAssignmentTable;
  proposal_screening: ProposalScreeningTable;
  proposal_assessment: ProposalAssessmentTable;
  proposal_message: ProposalMessageTable;
  message_attachment: MessageAttachmentTable;
  proposal_meeting: ProposalMeetingTable;
  proposal_meeting_attendee: ProposalMeetingAttendeeTable;
  headquarters_session: HeadquartersSessionTable;
  headquarters_member: HeadquartersMemberTable;
  headquarters_item: HeadquartersItemTable;
  expert_opinion: ExpertOpinionTable;
  proposal_decision: ProposalDecisionTable;
  daily_run: DailyRunTable;
}

export type Tenant = Selectable<TenantTable>;
export type Field = Selectable<FieldTable>;
export type Concept = Selectable<ConceptTable>;
export type PartnershipMethod = Selectable<PartnershipMethodTable>;
export type Department = Selectable<DepartmentTable>;
export type Organisation = Selectable<OrganisationTable>;
export type UserAccount = Selectable<UserAccountTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Proposal = Selectable<ProposalTable>;
export type ProposalAttachment = Selectable<ProposalAttachmentTable>;

export interface ChallengeCallTable {
  id: Id;
  tenant_id: number;
  title: string;
  instructions: string;
  deadline: DateOnly;
  all_departments: Generated<boolean>;
  created_by: number | null;
  created_at: CreatedAt;
  closed_at: Date | null;
}

export interface ChallengeCallDepartmentTable {
  tenant_id: number;
  challenge_call_id: number;
  department_id: number;
  reminded_at: Date | null;
}

export interface ChallengeEventTable {
  id: Id;
  tenant_id: number;
  challenge_id: number;
  at: Date;
  actor_user_id: number | null;
  from_status: ChallengeStatus | null;
  to_status: ChallengeStatus;
  comment: string | null;
}

export interface ThemeQuestionTable {
  id: Id;
  tenant_id: number;
  theme_call_id: number;
  asked_by: number;
  organisation_id: number;
  question: string;
  asked_at: Date;
  answer_ja: string | null;
  answer_en: string | null;
  answered_by: number | null;
  answered_at: Date | null;
}

export type SubscriptionScope = 'all' | 'field' | 'concept';

export interface ChallengeSubscriptionTable {
  id: Id;
  tenant_id: number;
  email: string;
  lang: Lang;
  scope: SubscriptionScope;
  field_id: number | null;
  concept_id: number | null;
  /** Confirms and ends this one subscription, and nothing else. */
  token: string;
  created_at: CreatedAt;
  confirmed_at: Date | null;
  unsubscribed_at: Date | null;
}

export interface ChallengeReferralTable {
  id: Id;
  tenant_id: number;
  challenge_id: number | null;
  proposal_id: number | null;
  partner_program_id: number;
  note: string;
  referred_by: number;
  referred_at: Date;
}

export interface ChallengeShareTable {
  tenant_id: number;
  challenge_id: number;
  partner_city_id: number;
  shared_by: number | null;
  shared_at: Date;
}

export type Challenge = Selectable<ChallengeTable>;
export type ChallengeCall = Selectable<ChallengeCallTable>;
export type ThemeCall = Selectable<ThemeCallTable>;
