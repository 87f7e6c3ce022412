-- Issue 15.2: plan loss releases custom hostnames too. A domain suspended by a downgrade used to
-- keep its Cloudflare custom hostname (so a re-upgrade served at once); now a suspended domain
-- holds none, and a re-upgrade registers it again. Those suspended before this change hand their
-- hostname to a tombstone, which the domain cron deletes at Cloudflare.
INSERT OR IGNORE INTO hostname_tombstones (cf_hostname_id, hostname, created_at)
	SELECT cf_hostname_id, hostname, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM domains
	WHERE suspended = 1 AND cf_hostname_id IS NOT NULL;
UPDATE domains SET cf_hostname_id = NULL WHERE suspended = 1;
