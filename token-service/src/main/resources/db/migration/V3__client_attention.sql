-- A client whose own OAuth credentials Google's token endpoint refuses (invalid_client, unauthorized_client)
-- needs an operator: no consent or retry can fix it. Its permits answer client-misconfigured, without
-- calling Google, until an operator changes the client (PATCH /clients/{id}) or a consent succeeds.
alter table clients add column attention_reason varchar(100);
alter table clients add column attention_since timestamptz;
