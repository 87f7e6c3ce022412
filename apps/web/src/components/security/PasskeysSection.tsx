/**
 * Account → Security: the account's passkeys (issue 20) — add one (named; the device creates
 * it), rename and remove. Another tab's changes show after a reload; a passkey that is gone
 * already simply disappears.
 */
import { type Passkey, passkeyNameSchema, registerPasskeyBody } from "@smartpages/contracts";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { formatDate } from "../../i18n";
import { type ApiFailure, api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import { check } from "../../lib/validate";
import { createPasskey, passkeysSupported } from "../../lib/webauthn";
import { Form, FormMessage, SubmitButton, TextField, useFormState, useHydrated } from "../ui/form";
import { Loading } from "../ui/LoadFailure";

export function PasskeysSection() {
	const { t } = useI18n();
	const s = t.security.passkeys;
	const hydrated = useHydrated();
	const [passkeys, setPasskeys] = useState<Passkey[] | null>(null);
	const [failure, setFailure] = useState<ApiFailure | null>(null);
	const [note, setNote] = useState<string | null>(null);
	const heading = useRef<HTMLHeadingElement>(null);

	const load = useCallback(async () => {
		const res = await api("GET /me/passkeys");
		if (!res.ok) return setFailure(res);
		setFailure(null);
		setPasskeys(res.data.passkeys);
	}, []);
	useEffect(() => {
		void load();
	}, [load]);

	const removed = async (passkey: Passkey) => {
		setNote(null);
		const res = await api("DELETE /me/passkeys/:id", { params: { id: passkey.id } });
		if (!res.ok && res.code !== "not_found") return setFailure(res);
		setPasskeys((list) => list?.filter((p) => p.id !== passkey.id) ?? null);
		setNote(s.removed);
		heading.current?.focus();
	};

	return (
		<section class="card" aria-labelledby="passkeys-heading">
			<h2 id="passkeys-heading" ref={heading} tabIndex={-1}>
				{s.heading}
			</h2>
			<p class="hint">{s.intro}</p>
			<div aria-live="polite">{note ? <p class="notice notice-success">{note}</p> : null}</div>
			{failure ? (
				<p class="notice notice-error" role="alert">
					{failureText(t, failure)}
				</p>
			) : null}
			{passkeys === null ? (
				failure ? null : (
					<Loading />
				)
			) : passkeys.length === 0 ? (
				<p>{s.none}</p>
			) : (
				<ul class="plain-list">
					{passkeys.map((passkey) => (
						<PasskeyRow
							key={passkey.id}
							passkey={passkey}
							onRenamed={(next) => {
								setPasskeys((list) => list?.map((p) => (p.id === next.id ? next : p)) ?? null);
								setNote(s.renamed);
							}}
							onRemove={() => void removed(passkey)}
						/>
					))}
				</ul>
			)}
			{hydrated && !passkeysSupported() ? (
				<p class="hint">{s.unsupported}</p>
			) : (
				<AddPasskey
					onAdded={(passkey) => {
						setPasskeys((list) => [...(list ?? []), passkey]);
						setNote(s.added);
					}}
				/>
			)}
		</section>
	);
}

function PasskeyRow({
	passkey,
	onRenamed,
	onRemove,
}: {
	passkey: Passkey;
	onRenamed: (passkey: Passkey) => void;
	onRemove: () => void;
}) {
	const { t, locale } = useI18n();
	const s = t.security.passkeys;
	const [renaming, setRenaming] = useState(false);
	const [name, setName] = useState(passkey.name);
	const form = useFormState();

	const save = async () => {
		form.start();
		const checked = check(passkeyNameSchema, name);
		if (!checked.ok) return form.invalid({ name: checked.fields.form ?? "is required" });
		const res = await api("PATCH /me/passkeys/:id", {
			params: { id: passkey.id },
			body: { name: checked.data },
		});
		if (!res.ok) return form.failed(res);
		form.done();
		setRenaming(false);
		onRenamed(res.data.passkey);
	};

	const dates = [
		s.created(formatDate(locale, passkey.createdAt)),
		...(passkey.lastUsedAt ? [s.lastUsed(formatDate(locale, passkey.lastUsedAt))] : []),
	].join(" · ");

	return (
		<li class="row" data-passkey-id={passkey.id}>
			{renaming ? (
				<Form state={form} onSubmit={save}>
					<FormMessage message={form.message} />
					<TextField
						id={`rename-${passkey.id}`}
						label={s.renameLabel(passkey.name)}
						required
						value={name}
						onValue={setName}
						error={form.fields.name}
					/>
					<div class="actions">
						<SubmitButton busy={form.busy} label={s.save} busyLabel={s.save} />
						<button type="button" class="button button-quiet" onClick={() => setRenaming(false)}>
							{s.cancel}
						</button>
					</div>
				</Form>
			) : (
				<>
					<div class="row-main">
						<p class="row-title">{passkey.name}</p>
						<p class="hint">{dates}</p>
					</div>
					<div class="row-actions">
						<button
							type="button"
							class="button button-quiet button-small"
							onClick={() => setRenaming(true)}
						>
							{s.rename}
						</button>
						<button
							type="button"
							class="button button-danger-outline button-small"
							aria-label={s.removeLabel(passkey.name)}
							onClick={onRemove}
						>
							{s.remove}
						</button>
					</div>
				</>
			)}
		</li>
	);
}

function AddPasskey({ onAdded }: { onAdded: (passkey: Passkey) => void }) {
	const { t } = useI18n();
	const s = t.security.passkeys;
	const form = useFormState();
	const [name, setName] = useState("");

	const submit = async () => {
		form.start();
		const chosen = name.trim() || s.defaultName;
		const named = check(passkeyNameSchema, chosen);
		if (!named.ok) return form.invalid({ name: named.fields.form ?? "is required" });
		const options = await api("POST /me/passkeys/options");
		if (!options.ok) return form.failed(options);
		let response: Record<string, unknown> | null;
		try {
			response = await createPasskey(options.data.options);
		} catch {
			return form.done({ kind: "error", text: s.failed });
		}
		if (!response) return form.done({ kind: "info", text: s.cancelled });
		const checked = check(registerPasskeyBody, { name: named.data, response });
		if (!checked.ok) return form.done({ kind: "error", text: s.failed });
		const res = await api("POST /me/passkeys", { body: checked.data });
		if (!res.ok) {
			return res.code === "validation_failed"
				? form.done({ kind: "error", text: s.failed })
				: form.failed(res);
		}
		setName("");
		form.done();
		onAdded(res.data.passkey);
	};

	return (
		<Form state={form} onSubmit={submit}>
			<FormMessage message={form.message} />
			<TextField
				id="passkey-name"
				label={s.nameLabel}
				hint={s.nameHint}
				value={name}
				onValue={setName}
				error={form.fields.name}
			/>
			<SubmitButton busy={form.busy} label={s.add} busyLabel={s.adding} variant="secondary" />
		</Form>
	);
}
