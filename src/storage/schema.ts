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
  created_at: CreatedAt;
  delivered_at: Timestamp | null;
}

export interface BotStateTable {
  key: string;
  data: Json<Record<string, unknown>>;
  etag: string;
  updated_at: Generated<Date>;
}

export type EscalationReason = 'crisis' | 'medical_emergency' | 'human_requested';

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

export interface Database {
  people: PeopleTable;
  channel_identities: ChannelIdentitiesTable;
  conversations: ConversationsTable;
  consents: ConsentsTable;
  inbox: InboxTable;
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
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type ConversationRow = Selectable<ConversationsTable>;
