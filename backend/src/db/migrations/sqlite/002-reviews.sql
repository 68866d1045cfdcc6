-- Advisors' reviews of the model's proposals (human oversight). Append-only: the API never updates or deletes a row.
-- id is a UUID made by the browser, so a resend of the same review is recognised, not stored twice.
CREATE TABLE reviews (
  id                 TEXT PRIMARY KEY,
  client_id          TEXT NOT NULL,
  outcome            TEXT NOT NULL CHECK (outcome IN ('agree', 'override_grant', 'override_refuse', 'documents_requested')),
  justification      TEXT,                      -- mandatory for an override (checked by the API)
  note               TEXT,
  reviewed_at        TEXT NOT NULL,               -- when the advisor decided (browser clock, maybe offline)
  received_at        TEXT NOT NULL,               -- when the API stored it
  subject            TEXT NOT NULL,             -- the advisor (token subject)
  client_app         TEXT,
  seen_probability   REAL NOT NULL,              -- what the advisor saw: score, decision, model version, top reasons
  seen_decision      TEXT NOT NULL,
  seen_model_version TEXT NOT NULL,
  seen_reasons       TEXT NOT NULL             -- JSON array of names
);
CREATE INDEX reviews_client ON reviews (client_id, reviewed_at);
CREATE INDEX reviews_subject ON reviews (subject, reviewed_at);
