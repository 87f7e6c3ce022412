-- Issue 18: section headers, a highlighted link and scheduled items on a page.
-- A header keeps `url` as '' (the column stays NOT NULL); the API answers it without a url.
ALTER TABLE links ADD COLUMN kind TEXT NOT NULL DEFAULT 'link' CHECK (kind IN ('link', 'header'));
ALTER TABLE links ADD COLUMN highlight INTEGER NOT NULL DEFAULT 0;
-- The item's window as ISO 8601 UTC (`toISOString`), so boundaries compare as strings; NULL is open.
ALTER TABLE links ADD COLUMN starts_at TEXT;
ALTER TABLE links ADD COLUMN ends_at TEXT;

-- When a version's HTML was last rendered (publish, or the schedule cron's re-render), and the
-- first schedule boundary of its published items after that: the version is due for a re-render
-- once it has passed. NULL: nothing scheduled ahead (and versions from before issue 18, which
-- have no stored render input to re-render from).
ALTER TABLE page_versions ADD COLUMN rendered_at TEXT;
ALTER TABLE page_versions ADD COLUMN next_boundary_at TEXT;
-- The cron's due query each minute is a range scan over the few versions with a boundary ahead.
CREATE INDEX page_versions_next_boundary ON page_versions (next_boundary_at)
	WHERE next_boundary_at IS NOT NULL;
