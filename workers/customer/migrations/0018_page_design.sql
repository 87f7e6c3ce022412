-- Issue 18: a page's own design and the uploaded images of its content.
-- pages.design is the design as JSON (colours, button shape, font), already checked (contrast
-- included) when written; NULL means "the preset of pages.theme", so setting a theme alone
-- resets the design by writing NULL. pages.background_key and links.thumbnail_key name assets
-- ({sha256}.{ext}, see assets) like profiles.avatar_key: the object is in R2 under the site's
-- prefix and the site manifest lists it, so the Domain Worker serves it under /_assets/.
ALTER TABLE pages ADD COLUMN design TEXT;
ALTER TABLE pages ADD COLUMN background_key TEXT;
ALTER TABLE links ADD COLUMN thumbnail_key TEXT;
