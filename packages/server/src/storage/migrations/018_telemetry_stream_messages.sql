-- Telemetry through NATS, counted once whatever NATS does (issue #16). Every stream message carries
-- a message id the publishing server made up (Nats-Msg-Id: the UTC day it was made, a random UUID);
-- the aggregator adds a message's reports only in the transaction that records its id here, so any
-- second copy of it (a redelivery after a crash between commit and acknowledgement or after the ack
-- wait, a message a restarted nats-server brings back, a publish retried across a reconnect that
-- JetStream stored twice, under a new sequence) finds its id and adds nothing. Sequences (migration
-- 015) could not tell the last kind apart; that table is still read for messages added before this
-- migration and not yet acknowledged, and is no longer written.
-- day: the day the message was made (not when it was added). A message JetStream acknowledged was
-- stored within seconds of being made and is deleted by the stream's max age (7 days) after that,
-- so no copy of it can arrive once its day is 8 days old: ids are kept 9 days, and a message older
-- than 8 days is dropped unread (it can only be a late copy, or a publish that was answered 503).
-- No finer time, and nothing about the reports or their senders, is recorded.
CREATE TABLE telemetry_stream_applied_messages (
  msg_id uuid NOT NULL PRIMARY KEY,
  day    date NOT NULL
);
CREATE INDEX telemetry_stream_applied_messages_day ON telemetry_stream_applied_messages (day);
