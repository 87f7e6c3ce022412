-- A renewal that needs the customer's authentication (strong customer authentication, issue 15
-- item 5): Stripe sends invoice.payment_action_required for an open invoice whose hosted page
-- lets the customer confirm the payment. The account remembers that invoice and its page so the
-- dashboard can show the link; both are cleared when that invoice is paid or voided, or the
-- subscription ends.

ALTER TABLE users ADD COLUMN payment_action_invoice TEXT;
ALTER TABLE users ADD COLUMN payment_action_url TEXT;
