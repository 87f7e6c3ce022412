/**
 * Whether a field's error still applies: an error belongs to the value the field held when it
 * arrived, and is hidden once the customer changes that value (it shows again if they go back to
 * it, since it is still true of that value). Pure, so the rule is unit-tested without a DOM.
 */
export interface ErrorFor {
	error: string | undefined;
	/** The form's submission count when it arrived: a repeated error is new again. */
	attempt: number;
	/** The field's value when `error` arrived. */
	value: string;
}

/** The next remembered pair and the error to show now. */
export function freshError(
	seen: ErrorFor,
	error: string | undefined,
	value: string,
	attempt: number,
): { seen: ErrorFor; shown: string | undefined } {
	// A new (or a cleared, or a repeated) error belongs to the value the field holds now.
	const next = error === seen.error && attempt === seen.attempt ? seen : { error, value, attempt };
	return { seen: next, shown: error !== undefined && value === next.value ? error : undefined };
}
