-- Every Stripe customer ever created for or seen with an account (issue 14 item 4). The account's
-- current customer stays in users.stripe_customer_id; this list exists so that a customer created
-- by a lost race (or before the race was closed) is never forgotten: webhooks of its
-- subscriptions find the account, and account deletion cancels its subscriptions too.
-- A customer belongs to one account at most (the primary key); rows go with the account.

CREATE TABLE stripe_customers (
	customer_id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at TEXT NOT NULL
);
CREATE INDEX stripe_customers_user ON stripe_customers (user_id);

INSERT INTO stripe_customers (customer_id, user_id, created_at)
SELECT stripe_customer_id, id, updated_at FROM users WHERE stripe_customer_id IS NOT NULL;
