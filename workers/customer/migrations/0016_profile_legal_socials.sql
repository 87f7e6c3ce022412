-- Issue 18.4 and 18.5. `legal` is the structured Impressum as JSON (contracts/schemas/legal.ts),
-- NULL while the account has none: from it the publisher generates the site's /impressum,
-- /datenschutz, /imprint and /privacy pages. It is one JSON column rather than eleven because
-- it is always read, written and exported whole. `socials_placement` puts the row of social
-- icons above ("top") or below ("bottom", where it always was) the links.
ALTER TABLE profiles ADD COLUMN legal TEXT;
ALTER TABLE profiles ADD COLUMN socials_placement TEXT NOT NULL DEFAULT 'bottom'
	CHECK (socials_placement IN ('top', 'bottom'));
