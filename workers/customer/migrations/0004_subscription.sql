-- The subscription the stored plan was taken from, so a late event about an earlier, ended
-- subscription cannot undo a newer live one; and a revision that makes each plan write a
-- compare-and-set, so two webhooks racing on one account cannot store the older Stripe state.

ALTER TABLE users ADD COLUMN stripe_subscription_id TEXT;
ALTER TABLE users ADD COLUMN plan_revision INTEGER NOT NULL DEFAULT 0;
