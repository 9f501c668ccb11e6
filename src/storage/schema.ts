/**
 * Kysely's view of the schema in `migrations/`. Keep the two in step: a column added in a
 * migration is added here in the same commit.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;

export type Role = 'patient' | 'caregiver';
export type Locale = 'en' | 'es';
export type ChannelId = 'webchat' | 'telegram' | 'sms';

export interface PeopleTable {
  id: Generated<string>;
  role: Role | null;
  display_name: string | null;
  locale: Generated<string>;
  time_zone: string | null;
  cancer_type: string | null;
  region: string | null;
  preferred_channel: ChannelId | null;
  /** Quiet hours, local 'HH:mm'; null: CareLine's defaults (QUIET_HOURS_START/END). */
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  /** True only when the person asked for diagnosis and drug names in texts. */
  sms_health_details: Generated<boolean>;
  onboarded_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ChannelIdentitiesTable {
  id: Generated<string>;
  person_id: string;
  channel: ChannelId;
  external_id: string;
  unreachable_at: Timestamp | null;
  unreachable_reason: string | null;
  /** SMS: set when the number opted out (STOP); nothing but the confirmation is sent. */
  opted_out_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface ConversationsTable {
  id: Generated<string>;
  person_id: string;
  channel: ChannelId;
  external_id: string;
  address: Json<Record<string, unknown>>;
  held_by_staff_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface ConsentsTable {
  id: Generated<string>;
  person_id: string;
  kind: string;
  notice_version: string;
  decision: 'given' | 'declined' | 'withdrawn';
  decided_at: CreatedAt;
}

export interface InboxTable {
  id: Generated<string>;
  channel: ChannelId;
  external_id: string;
  status: Generated<'received' | 'processed' | 'failed'>;
  payload: Json<Record<string, unknown>> | null;
  attempts: Generated<number>;
  received_at: CreatedAt;
  processed_at: Timestamp | null;
  /** `<channel>:<conversation id>`: the turns that must run one at a time, in order. */
  conversation_key: string | null;
  /** The channel's own order of deliveries (Telegram's update_id); null: arrival order. */
  sequence: string | null;
}

/** Which process runs a conversation's waiting turns, until when. */
export interface ConversationLeasesTable {
  conversation_key: string;
  holder: string;
  expires_at: Timestamp;
}

export type OutboxStatus = 'pending' | 'sending' | 'delivered' | 'failed';

export interface OutboxTable {
  id: Generated<string>;
  person_id: string | null;
  channel: ChannelId;
  address: Json<Record<string, unknown>>;
  payload: Json<Record<string, unknown>>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  idempotency_key: string;
  /** Channel and conversation: rows with the same key are delivered in order. */
  address_key: string;
  /** Held by quiet hours until then; out of its conversation's order while held. */
  hold_until: Timestamp | null;
  /** Latest delivery receipt, e.g. Twilio's 'delivered' or 'undelivered', and its code. */
  delivery_status: string | null;
  delivery_error_code: string | null;
  created_at: CreatedAt;
  delivered_at: Timestamp | null;
}

export interface SmsPartsTable {
  outbox_id: string;
  part: number;
  message_sid: string | null;
  from_number: string;
  segments: number;
  status: string;
  error_code: string | null;
  updated_at: Generated<Date>;
}

export interface SmsSendersTable {
  /** The person's phone (E.164). */
  phone: string;
  /** The CareLine number that texts them. */
  sender_number: string;
  assigned_at: CreatedAt;
}

export interface SmsOfferedOptionsTable {
  identity_id: string;
  options: Json<Array<{ value: string; title: string }>>;
  offered_at: Generated<Date>;
}

export interface BotStateTable {
  key: string;
  data: Json<Record<string, unknown>>;
  etag: string;
  updated_at: Generated<Date>;
}

export type EscalationReason =
  | 'crisis'
  | 'medical_emergency'
  | 'human_requested'
  /** The patient's missed doses crossed the threshold and no caregiver could be told. */
  | 'missed_doses';

export interface EscalationsTable {
  id: Generated<string>;
  person_id: string;
  conversation_id: string | null;
  reason: EscalationReason;
  status: Generated<'open' | 'claimed' | 'closed'>;
  created_at: CreatedAt;
  closed_at: Timestamp | null;
}

export interface StaffQueueTable {
  id: Generated<string>;
  conversation_id: string;
  person_id: string;
  text: string;
  received_at: CreatedAt;
  seen_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actor: string;
  action: string;
  person_id: string | null;
  details: Json<Record<string, unknown>>;
}

export interface WebchatConversationsTable {
  id: string;
  user_id: string;
  last_seq: Generated<string>;
  created_at: CreatedAt;
}

export interface WebchatActivitiesTable {
  conversation_id: string;
  seq: string;
  activity: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface LinkCodeKeysTable {
  id: number;
  secret: ColumnType<Buffer, Buffer, never>;
  created_at: CreatedAt;
}

export interface LinkCodesTable {
  id: Generated<string>;
  person_id: string;
  /** Keyed hash (HMAC-SHA256, hex) of the code; the code itself is never stored. */
  code_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface LinkAttemptsTable {
  id: Generated<string>;
  identity_id: string;
  failed_at: Timestamp;
}

type Numeric = ColumnType<string, number | string, number | string>;

export interface MedicationsTable {
  id: Generated<string>;
  person_id: string;
  name: string;
  generic_name: string | null;
  rxnorm_id: string | null;
  recognized: boolean;
  strength_value: Numeric | null;
  strength_unit: string | null;
  dose_value: Numeric | null;
  dose_form: string | null;
  route: string | null;
  as_needed: Generated<boolean>;
  reason: string | null;
  /** Local 'HH:mm' times in the person's time zone, sorted. */
  times_of_day: Generated<string[]>;
  every_hours: number | null;
  days_of_week: number[] | null;
  cycle_days_on: number | null;
  cycle_days_off: number | null;
  /** Local calendar dates, 'yyyy-mm-dd'. */
  start_date: ColumnType<string, string, string>;
  end_date: ColumnType<string, string, string> | null;
  paused_at: Timestamp | null;
  added_by: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export type DoseStatus = 'open' | 'taken' | 'skipped' | 'missed';

export interface DosesTable {
  id: Generated<string>;
  medication_id: string;
  person_id: string;
  /** The occurrence in the person's zone, 'yyyy-mm-ddTHH:mm': the reminder's idempotency key. */
  occurrence_key: string;
  due_at: Timestamp;
  status: Generated<DoseStatus>;
  reminded_at: Timestamp | null;
  snoozed_until: Timestamp | null;
  followed_up_at: Timestamp | null;
  resolved_at: Timestamp | null;
  skip_reason: string | null;
}

export interface CareLinksTable {
  patient_id: string;
  caregiver_id: string;
  can_manage_medications: Generated<boolean>;
  shares_adherence: Generated<boolean>;
  created_at: CreatedAt;
}

export interface CareInvitationsTable {
  id: Generated<string>;
  patient_id: string;
  code_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  /** The caregiver who spent the code (migration 010); null while it is unspent. */
  used_by: string | null;
}

/** One crossing of the missed-dose threshold (migration 007), recorded so it alerts once. */
export interface AdherenceAlertsTable {
  patient_id: string;
  /** The missed dose that reached the count. */
  crossing_dose_id: string;
  /** Its due time: the next alert counts only doses due after it. */
  through_due_at: Timestamp;
  missed_count: number;
  notified: 'caregivers' | 'staff';
  created_at: CreatedAt;
}

export interface Database {
  people: PeopleTable;
  channel_identities: ChannelIdentitiesTable;
  conversations: ConversationsTable;
  consents: ConsentsTable;
  inbox: InboxTable;
  conversation_leases: ConversationLeasesTable;
  outbox: OutboxTable;
  bot_state: BotStateTable;
  escalations: EscalationsTable;
  staff_queue: StaffQueueTable;
  audit_log: AuditLogTable;
  webchat_conversations: WebchatConversationsTable;
  webchat_activities: WebchatActivitiesTable;
  link_code_keys: LinkCodeKeysTable;
  link_codes: LinkCodesTable;
  link_attempts: LinkAttemptsTable;
  sms_parts: SmsPartsTable;
  sms_offered_options: SmsOfferedOptionsTable;
  sms_senders: SmsSendersTable;
  medications: MedicationsTable;
  doses: DosesTable;
  care_links: CareLinksTable;
  care_invitations: CareInvitationsTable;
  adherence_alerts: AdherenceAlertsTable;
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MedicationRow = Selectable<MedicationsTable>;
export type DoseRow = Selectable<DosesTable>;
