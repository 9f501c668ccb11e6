-- Message text is kept for MESSAGE_RETENTION_DAYS, then forgotten: web chat transcripts,
-- the text of delivered or failed outbound messages, spent inbox rows and seen staff-queue
-- messages. BRIN indexes find the old rows of these append-mostly tables at almost no cost
-- to each insert.
create index inbox_received_brin on inbox using brin (received_at);
create index outbox_created_brin on outbox using brin (created_at);
create index webchat_activities_created_brin on webchat_activities using brin (created_at);
