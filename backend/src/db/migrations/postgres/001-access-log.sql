-- Record of access to clients' personal data (GDPR accountability, EU AI Act record-keeping).
-- One row per successful read or score; who is the token's subject and OAuth client, never a client's data.
CREATE TABLE access_log (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             TIMESTAMPTZ NOT NULL,
  subject        TEXT        NOT NULL,
  client_app     TEXT,
  method         TEXT        NOT NULL,
  route          TEXT        NOT NULL,          -- route template, e.g. /v1/clients/:id
  client_id      TEXT,                          -- the stored client read, when one
  application_id TEXT,                          -- the id a caller gave an application, when one
  records        INTEGER     NOT NULL,          -- clients or applications in the answer
  model_version  TEXT        NOT NULL,
  request_id     TEXT        NOT NULL
);
CREATE INDEX access_log_client ON access_log (client_id, at);
CREATE INDEX access_log_subject ON access_log (subject, at);
CREATE INDEX access_log_at ON access_log (at);
