-- One paced, durable delivery path (issue 10): every message the bot sends is an outbox
-- row, and every update is stored in the inbox before Telegram is told it arrived.

-- Messages the handlers queue are already rendered (text, buttons); rows queued by the
-- planners keep their translation key and are rendered at send time (payload.key).
-- method: 'message', 'edit' (editMessageText), 'markup' (editMessageReplyMarkup),
-- 'document' or 'photo' (with the bytes in `file`, cleared once sent).
ALTER TABLE outbox ADD COLUMN method TEXT NOT NULL DEFAULT 'message';
-- 0 a reply to what a person just did, 1 a notice about their own question, 2 broadcasts
-- (reminders, announcements, feedback requests). Lower goes first.
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 2;
ALTER TABLE outbox ADD COLUMN file BLOB;
-- Why the sent message's id matters later, e.g. 'panel:12' (the queue panel of webinar 12).
ALTER TABLE outbox ADD COLUMN purpose TEXT;
ALTER TABLE outbox ADD COLUMN message_id INTEGER;
-- A row that must wait until no pending row's dedup_key starts with this (e.g. a
-- gespreksleider's "sent" waits for the answer it confirms).
ALTER TABLE outbox ADD COLUMN waits_for TEXT;
CREATE INDEX outbox_pending ON outbox (state, priority, due_at, id);

-- Updates Telegram delivered, stored before their offset is confirmed (or the webhook is
-- answered) and deleted in the transaction that commits their effect. Holds message
-- texts: erased with the person (/vergeetmij) and never kept past retention.
CREATE TABLE inbox (
    update_id   INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL,
    user_id     INTEGER,
    payload     TEXT NOT NULL,                      -- the update's JSON
    received_at TEXT NOT NULL
);
CREATE INDEX inbox_user ON inbox (user_id);
