/**
 * The typed confirmation of an irreversible action (deleting the account): the word exactly as the
 * screen shows it, apart from surrounding spaces. New-user pass L14: "löschen" passed for
 * "LÖSCHEN" — lenient, but not what the screen asks for, so the screen and the check now agree.
 */
export function confirmsWith(typed: string, word: string): boolean {
	return typed.trim() === word;
}
