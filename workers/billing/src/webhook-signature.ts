/**
 * Why a Stripe webhook failed verification, as one log line (issue 15 item 5). Stripe answers a
 * 400 with retries and, after days, disables the endpoint; the operator must be able to tell a
 * rotated or wrong secret ("no signature matched") from clock skew or a replay ("timestamp
 * outside tolerance") and from requests that are not Stripe's at all (missing or malformed
 * header). The line names the reason and harmless facts about the header (its timestamp's age,
 * how many v1 signatures it had), never the secret, the signatures or the body.
 */
import { logEvent } from "@smartpages/contracts/observability";

export type VerificationFailure =
	| "missing_header"
	| "malformed_header"
	| "no_signature_matched"
	| "timestamp_outside_tolerance"
	| "empty_body"
	| "invalid_payload"
	| "secret_not_configured";

interface HeaderFacts {
	timestamp: number | null;
	signatures: number;
}

/** The timestamp and the number of v1 signatures in a `Stripe-Signature` header. */
function headerFacts(header: string): HeaderFacts {
	let timestamp: number | null = null;
	let signatures = 0;
	for (const part of header.split(",")) {
		const [key, value] = part.split("=", 2);
		if (key?.trim() === "t" && value && /^\d+$/.test(value.trim()))
			timestamp = Number(value.trim());
		if (key?.trim() === "v1" && value) signatures += 1;
	}
	return { timestamp, signatures };
}

/**
 * Classifies a failure of the SDK's `constructEventAsync` (its error messages are the only
 * detail it gives; the header is read here again for the checks that need no secret).
 */
export function failureReason(header: string | null, error: unknown): VerificationFailure {
	if (header === null || header.trim() === "") return "missing_header";
	const message = error instanceof Error ? error.message : String(error);
	if (message.startsWith("No webhook secret")) return "secret_not_configured";
	if (message.startsWith("No webhook payload")) return "empty_body";
	const facts = headerFacts(header);
	if (facts.timestamp === null || facts.signatures === 0) return "malformed_header";
	if (message.startsWith("No signatures found matching")) return "no_signature_matched";
	if (message.startsWith("Timestamp outside the tolerance")) return "timestamp_outside_tolerance";
	if (message.startsWith("Unable to extract") || message.startsWith("No signatures found with"))
		return "malformed_header";
	// A correctly signed body that is not JSON: the SDK's parse failed after verification.
	return "invalid_payload";
}

/** The one log line for a refused webhook. */
export function logVerificationFailure(header: string | null, error: unknown): void {
	const reason = failureReason(header, error);
	const facts = header ? headerFacts(header) : null;
	logEvent("warn", "stripe webhook refused", {
		reason,
		...(facts?.timestamp != null
			? { timestampAgeSeconds: Math.round(Date.now() / 1000) - facts.timestamp }
			: {}),
		...(facts ? { v1Signatures: facts.signatures } : {}),
	});
}
