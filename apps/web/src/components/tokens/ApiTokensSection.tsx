/**
 * Account → API tokens (issue 21): create a personal access token (a name, its permissions
 * grouped by read and change, an optional expiry), show its secret once with a copy button, list
 * the tokens with their last use and expiry, and revoke one after asking. Says that a password
 * change leaves tokens alone, and links the API reference.
 */
import {
	type ApiToken,
	createApiTokenBody,
	MAX_API_TOKENS,
	TOKEN_SCOPES,
	type TokenScope,
} from "@smartpages/contracts";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { formatDateTime, localePath } from "../../i18n";
import { type ApiFailure, api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import { check } from "../../lib/validate";
import { useConfirm } from "../ui/ConfirmDialog";
import { CopyButton } from "../ui/CopyButton";
import { Form, FormMessage, SelectField, SubmitButton, TextField, useFormState } from "../ui/form";
import { Loading } from "../ui/LoadFailure";

const EXPIRY_DAYS = { never: 0, d30: 30, d90: 90, d365: 365 } as const;
type Expiry = keyof typeof EXPIRY_DAYS;

const READ_SCOPES = TOKEN_SCOPES.filter((s) => s.endsWith(":read"));
const WRITE_SCOPES = TOKEN_SCOPES.filter((s) => s.endsWith(":write"));

export function ApiTokensSection() {
	const { t, locale } = useI18n();
	const s = t.apiTokens;
	const [tokens, setTokens] = useState<ApiToken[] | null>(null);
	const [failure, setFailure] = useState<ApiFailure | null>(null);
	const [note, setNote] = useState<string | null>(null);
	const [secret, setSecret] = useState<string | null>(null);
	const heading = useRef<HTMLHeadingElement>(null);
	const { confirm, dialog } = useConfirm();

	const load = useCallback(async () => {
		const res = await api("GET /me/tokens");
		if (!res.ok) return setFailure(res);
		setFailure(null);
		setTokens(res.data.tokens);
	}, []);
	useEffect(() => {
		void load();
	}, [load]);

	const revoke = async (token: ApiToken) => {
		setNote(null);
		const confirmed = await confirm({
			title: s.revokeTitle(token.name),
			text: <p>{s.revokeText}</p>,
			confirmLabel: s.revoke,
			danger: true,
		});
		if (!confirmed) return;
		const res = await api("DELETE /me/tokens/:id", { params: { id: token.id } });
		if (!res.ok && res.code !== "not_found") return setFailure(res);
		setTokens((list) => list?.filter((x) => x.id !== token.id) ?? null);
		setNote(s.revoked);
		heading.current?.focus();
	};

	return (
		<section class="card api-tokens" aria-labelledby="api-tokens-heading">
			<h2 id="api-tokens-heading" ref={heading} tabIndex={-1}>
				{s.heading}
			</h2>
			<p class="hint">{s.intro}</p>
			<p class="notice notice-info">{s.passwordNote}</p>
			<p>
				<a href={localePath(locale, "/docs/api")}>{s.docs}</a>
			</p>
			<div aria-live="polite">{note ? <p class="notice notice-success">{note}</p> : null}</div>
			{failure ? (
				<p class="notice notice-error" role="alert">
					{failureText(t, failure)}
				</p>
			) : null}
			{secret ? <NewSecret secret={secret} onDone={() => setSecret(null)} /> : null}
			{tokens === null ? (
				failure ? null : (
					<Loading />
				)
			) : tokens.length === 0 ? (
				<p>{s.none}</p>
			) : (
				<ul class="plain-list">
					{tokens.map((token) => (
						<TokenRow key={token.id} token={token} onRevoke={() => void revoke(token)} />
					))}
				</ul>
			)}
			<CreateToken
				onCreated={(token, value) => {
					setNote(null);
					setTokens((list) => [token, ...(list ?? [])]);
					setSecret(value);
				}}
			/>
			{dialog}
		</section>
	);
}

/** The secret, once: selectable text, a copy button, and a button to put it away. */
function NewSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
	const { t } = useI18n();
	const s = t.apiTokens;
	const input = useRef<HTMLInputElement>(null);
	useEffect(() => {
		input.current?.focus();
		input.current?.select();
	}, []);
	return (
		<section class="token-secret notice notice-success" aria-labelledby="token-secret-heading">
			<h3 id="token-secret-heading">{s.secretHeading}</h3>
			<p>{s.secretIntro}</p>
			<label for="token-secret">{s.secretLabel}</label>
			<input
				ref={input}
				id="token-secret"
				type="text"
				readOnly
				value={secret}
				spellcheck={false}
				autocomplete="off"
				class="token-secret-value"
			/>
			<div class="actions">
				<CopyButton text={secret} label={s.copy} fallback={() => input.current?.select()} />
				<button type="button" class="button button-quiet" onClick={onDone}>
					{s.secretDone}
				</button>
			</div>
		</section>
	);
}

function TokenRow({ token, onRevoke }: { token: ApiToken; onRevoke: () => void }) {
	const { t, locale } = useI18n();
	const s = t.apiTokens;
	const expired = token.expiresAt !== undefined && Date.parse(token.expiresAt) <= Date.now();
	const dates = [
		s.created(formatDateTime(locale, token.createdAt)),
		token.lastUsedAt ? s.lastUsed(formatDateTime(locale, token.lastUsedAt)) : s.neverUsed,
		...(token.expiresAt
			? [(expired ? s.expired : s.expires)(formatDateTime(locale, token.expiresAt))]
			: []),
	].join(" · ");
	return (
		<li class="row" data-token-id={token.id}>
			<div class="row-main">
				<p class="row-title">{token.name}</p>
				<p class="hint">{token.scopes.map((scope) => s.scopes[scope]).join(", ")}</p>
				<p class="hint">{dates}</p>
			</div>
			<div class="row-actions">
				<button
					type="button"
					class="button button-danger-outline button-small"
					aria-label={s.revokeLabel(token.name)}
					onClick={onRevoke}
				>
					{s.revoke}
				</button>
			</div>
		</li>
	);
}

function CreateToken({ onCreated }: { onCreated: (token: ApiToken, secret: string) => void }) {
	const { t } = useI18n();
	const s = t.apiTokens;
	const form = useFormState();
	const [name, setName] = useState("");
	const [scopes, setScopes] = useState<TokenScope[]>([]);
	const [expiry, setExpiry] = useState<Expiry>("d90");

	const toggle = (scope: TokenScope, on: boolean) =>
		setScopes((list) => (on ? [...list, scope] : list.filter((x) => x !== scope)));

	const submit = async () => {
		form.start();
		const days = EXPIRY_DAYS[expiry];
		const body = {
			name,
			scopes,
			...(days > 0 ? { expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() } : {}),
		};
		const checked = check(createApiTokenBody, body);
		if (!checked.ok) {
			const { scopes: scopeError, ...rest } = checked.fields;
			return form.invalid(rest, scopeError ? { scopes: s.scopeRequired } : {});
		}
		const res = await api("POST /me/tokens", { body });
		if (!res.ok) {
			if (res.code === "plan_limit_reached") {
				return form.done({ kind: "error", text: s.limit(res.limit?.max ?? MAX_API_TOKENS) });
			}
			return form.failed(res);
		}
		setName("");
		setScopes([]);
		form.done();
		onCreated(res.data.token, res.data.secret);
	};

	const group = (legend: string, list: readonly TokenScope[]) => (
		<fieldset class="token-scope-group">
			<legend>{legend}</legend>
			{list.map((scope) => (
				<label key={scope} class="checkbox">
					<input
						type="checkbox"
						name="scopes"
						value={scope}
						checked={scopes.includes(scope)}
						onChange={(e) => toggle(scope, e.currentTarget.checked)}
					/>
					{s.scopes[scope]}
				</label>
			))}
		</fieldset>
	);

	return (
		<Form state={form} onSubmit={submit} class="token-create">
			<h3>{s.createHeading}</h3>
			<FormMessage message={form.message} />
			<TextField
				id="token-name"
				label={s.nameLabel}
				hint={s.nameHint}
				required
				maxLength={64}
				value={name}
				onValue={setName}
				error={form.fields.name}
			/>
			<fieldset
				class={form.fields.scopes ? "token-scopes field field-invalid" : "token-scopes field"}
				aria-describedby="token-scopes-hint"
			>
				<legend>{s.scopesLegend}</legend>
				<p class="hint" id="token-scopes-hint">
					{s.scopesHint}
				</p>
				<div class="token-scope-groups">
					{group(s.readGroup, READ_SCOPES)}
					{group(s.writeGroup, WRITE_SCOPES)}
				</div>
				{form.fields.scopes ? (
					<p class="field-error" role="alert">
						{form.fields.scopes}
					</p>
				) : null}
			</fieldset>
			<SelectField<Expiry>
				id="token-expiry"
				label={s.expiryLabel}
				hint={s.expiryHint}
				value={expiry}
				onValue={setExpiry}
				options={(Object.keys(EXPIRY_DAYS) as Expiry[]).map((value) => ({
					value,
					label: s.expiry[value],
				}))}
				error={form.fields.expiresAt}
			/>
			<SubmitButton busy={form.busy} label={s.create} busyLabel={s.creating} variant="secondary" />
		</Form>
	);
}
