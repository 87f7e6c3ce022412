-- Custom-domain claims no longer block a hostname before ownership is proven (issue 14.13).
-- Until now one unique index covered every status, so an unverified claim kept the hostname from
-- its real owner for good. Now only a proven claim ('verifying': TXT record found, or 'active',
-- also while suspended by a downgrade) is unique per hostname; unproven claims ('pending',
-- 'failed') of one hostname by different accounts coexist, and the first to prove its TXT record
-- wins (the others are failed). An account holds at most one claim per hostname.
-- SQLite cannot alter an index in place: drop it and create the new ones.
-- Until the new Customer Worker is deployed, the old code may meet the partial index as a unique
-- violation when a second claim of a hostname is verified (a 500 for that request, no bad data).
DROP INDEX domains_hostname;
CREATE UNIQUE INDEX domains_hostname_proven ON domains (hostname) WHERE status IN ('verifying', 'active');
CREATE UNIQUE INDEX domains_user_hostname ON domains (user_id, hostname);
CREATE INDEX domains_by_hostname ON domains (hostname);
