-- Issue 17: statistics outlive Analytics Engine's 3-month retention. Core's cron rolls each
-- finished day (in the account's time zone) up into these tables through the Customer Worker.
-- stats_daily holds one row per site, day and combination of page, event, link, referrer host,
-- country and device (bots never counted); stats_rollups records that a day is rolled up, even a
-- day without any visit, so Core reads that day from D1 and the cron never writes it twice.
-- page_id and link_id are not foreign keys: a deleted page or link keeps its history, which
-- goes only with the account (ON DELETE CASCADE from users).

CREATE TABLE stats_daily (
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	page_id TEXT NOT NULL,
	event TEXT NOT NULL CHECK (event IN ('view', 'click')),
	link_id TEXT NOT NULL,
	referrer_host TEXT NOT NULL,
	country TEXT NOT NULL,
	device TEXT NOT NULL CHECK (device IN ('mobile', 'tablet', 'desktop')),
	count INTEGER NOT NULL CHECK (count >= 0),
	PRIMARY KEY (user_id, day, page_id, event, link_id, referrer_host, country, device)
) WITHOUT ROWID;

CREATE TABLE stats_rollups (
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	rolled_up_at TEXT NOT NULL,
	PRIMARY KEY (user_id, day)
) WITHOUT ROWID;
