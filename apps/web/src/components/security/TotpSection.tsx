/**
 * Account → Security: two-factor sign-in with an authenticator app (issue 20). Off: set it up —
 * a QR code of the otpauth URL (drawn as SVG, with the key and the URL also as text), then a
 * first code with the current password turns it on and the ten recovery codes are shown once, to copy or download. On: new
 * recovery codes or turning it off, each with the current password.
 */
import { disableTotpBody, enableTotpBody, recoveryCodesBody } from "@smartpages/contracts";
import { useCallback, useEffect, useState } from "preact/hooks";
import { type ApiFailure, api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";
import { Loading } from "../ui/LoadFailure";

type State = { enabled: boolean; recoveryCodesLeft: number };

export function TotpSection({ email }: { email: string }) {
	const { t } = useI18n();
	const s = t.security.totp;
	const [state, setState] = useState<State | null>(null);
	const [failure, setFailure] = useState<ApiFailure | null>(null);
	const [codes, setCodes] = useState<string[] | null>(null);
	const [note, setNote] = useState<string | null>(null);

	const load = useCallback(async () => {
		const res = await api("GET /me/totp");
		if (!res.ok) return setFailure(res);
		setFailure(null);
		setState(res.data);
	}, []);
	useEffect(() => {
		void load();
	}, [load]);

	const showCodes = (recoveryCodes: string[], message: string) => {
		setCodes(recoveryCodes);
		setNote(message);
		void load();
	};

	return (
		<section class="card" aria-labelledby="totp-heading">
			<h2 id="totp-heading">{s.heading}</h2>
			<p class="hint">{s.intro}</p>
			<div aria-live="polite">{note ? <p class="notice notice-success">{note}</p> : null}</div>
			{failure ? (
				<p class="notice notice-error" role="alert">
					{failureText(t, failure)}
				</p>
			) : null}
			{codes ? (
				<RecoveryCodes codes={codes} email={email} onDone={() => setCodes(null)} />
			) : state === null ? (
				failure ? null : (
					<Loading />
				)
			) : state.enabled ? (
				<>
					<p>{s.on(state.recoveryCodesLeft)}</p>
					<Regenerate onCodes={(c) => showCodes(c, "")} />
					<Disable
						onDisabled={() => {
							setNote(s.disabled);
							void load();
						}}
					/>
				</>
			) : (
				<>
					<p>{s.off}</p>
					<Setup onEnabled={(c) => showCodes(c, s.enabled)} />
				</>
			)}
		</section>
	);
}

function Setup({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
	const { t } = useI18n();
	const s = t.security.totp;
	const start = useFormState();
	const form = useFormState();
	const [setup, setSetup] = useState<{ secret: string; otpauthUrl: string } | null>(null);
	const [code, setCode] = useState("");
	const [password, setPassword] = useState("");

	const begin = async () => {
		start.start();
		const res = await api("POST /me/totp/setup");
		if (!res.ok) return start.failed(res);
		start.done();
		setSetup(res.data);
	};

	const enable = async () => {
		form.start();
		const checked = check(enableTotpBody, { code, password });
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await api("POST /me/totp/enable", { body: checked.data });
		if (!res.ok) {
			if (res.fields.code) return form.invalid({}, { code: s.codeWrong });
			return form.failed(res);
		}
		form.done();
		onEnabled(res.data.recoveryCodes);
	};

	if (!setup) {
		return (
			<Form state={start} onSubmit={begin}>
				<FormMessage message={start.message} />
				<SubmitButton busy={start.busy} label={s.start} busyLabel={s.starting} />
			</Form>
		);
	}
	return (
		<div class="totp-setup">
			<p>{s.scan}</p>
			<OtpQr url={setup.otpauthUrl} label={s.qrLabel} />
			<p class="hint">{s.manual}</p>
			<p>
				<code class="totp-secret">{setup.secret.replace(/(.{4})/g, "$1 ").trim()}</code>
			</p>
			<p class="hint">{s.url}</p>
			<p>
				<a href={setup.otpauthUrl} class="totp-url">
					{setup.otpauthUrl}
				</a>
			</p>
			<Form state={form} onSubmit={enable}>
				<FormMessage message={form.message} />
				<TextField
					id="totp-code"
					label={s.codeLabel}
					hint={s.codeHint}
					autocomplete="one-time-code"
					inputMode="numeric"
					required
					value={code}
					onValue={setCode}
					error={form.fields.code}
				/>
				<TextField
					id="totp-enable-password"
					name="password"
					type="password"
					autocomplete="current-password"
					label={s.passwordLabel}
					required
					value={password}
					onValue={setPassword}
					error={form.fields.password}
				/>
				<SubmitButton busy={form.busy} label={s.enable} busyLabel={s.enabling} />
			</Form>
		</div>
	);
}

/** The otpauth URL as a QR code: uqr (loaded on demand) draws the modules as one SVG path. */
function OtpQr({ url, label }: { url: string; label: string }) {
	const [qr, setQr] = useState<{ size: number; path: string } | null>(null);
	useEffect(() => {
		let current = true;
		void import("uqr").then(({ encode }) => {
			if (!current) return;
			const { size, data } = encode(url, { ecc: "M", border: 2 });
			let path = "";
			data.forEach((row, y) => {
				row.forEach((dark, x) => {
					if (dark) path += `M${x},${y}h1v1h-1z`;
				});
			});
			setQr({ size, path });
		});
		return () => {
			current = false;
		};
	}, [url]);
	if (!qr) return null;
	return (
		<svg
			class="qr-code totp-qr"
			xmlns="http://www.w3.org/2000/svg"
			viewBox={`0 0 ${qr.size} ${qr.size}`}
			shape-rendering="crispEdges"
			role="img"
			aria-label={label}
		>
			<rect width={qr.size} height={qr.size} fill="#fff" />
			<path d={qr.path} fill="#000" />
		</svg>
	);
}

function RecoveryCodes({
	codes,
	email,
	onDone,
}: {
	codes: string[];
	email: string;
	onDone: () => void;
}) {
	const { t } = useI18n();
	const s = t.security.totp;
	const [copied, setCopied] = useState(false);
	const text = codes.join("\n");
	const file = `${s.recoveryFile(email)}${text}\n`;
	const copy = async () => {
		try {
			await navigator.clipboard.writeText(text);
			setCopied(true);
		} catch {
			setCopied(false);
		}
	};
	return (
		<div class="recovery-codes">
			<h3>{s.recoveryHeading}</h3>
			<p>{s.recoveryIntro}</p>
			<ul class="recovery-list">
				{codes.map((code) => (
					<li key={code}>
						<code>{code}</code>
					</li>
				))}
			</ul>
			<div class="actions">
				<button type="button" class="button button-secondary" onClick={() => void copy()}>
					{s.copy}
				</button>
				<a
					class="button button-secondary"
					href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`}
					download="smartpages-recovery-codes.txt"
				>
					{s.download}
				</a>
				<button type="button" class="button button-primary" onClick={onDone}>
					{s.done}
				</button>
				<span aria-live="polite">{copied ? s.copied : null}</span>
			</div>
		</div>
	);
}

function PasswordAction({
	id,
	heading,
	intro,
	label,
	busyLabel,
	danger,
	run,
}: {
	id: string;
	heading: string;
	intro?: string;
	label: string;
	busyLabel: string;
	danger?: boolean;
	run: (password: string) => Promise<ApiFailure | null>;
}) {
	const { t } = useI18n();
	const form = useFormState();
	const [password, setPassword] = useState("");
	const submit = async () => {
		form.start();
		const failure = await run(password);
		if (failure) return form.failed(failure);
		setPassword("");
		form.done();
	};
	return (
		<div class="totp-action">
			<h3>{heading}</h3>
			{intro ? <p class="hint">{intro}</p> : null}
			<Form state={form} onSubmit={submit}>
				<FormMessage message={form.message} />
				<TextField
					id={id}
					name="password"
					type="password"
					autocomplete="current-password"
					label={t.security.totp.passwordLabel}
					required
					value={password}
					onValue={setPassword}
					error={form.fields.password}
				/>
				<SubmitButton
					busy={form.busy}
					label={label}
					busyLabel={busyLabel}
					variant={danger ? "danger" : "secondary"}
				/>
			</Form>
		</div>
	);
}

function Regenerate({ onCodes }: { onCodes: (codes: string[]) => void }) {
	const { t } = useI18n();
	const s = t.security.totp;
	return (
		<PasswordAction
			id="recovery-password"
			heading={s.regenerateHeading}
			intro={s.regenerateIntro}
			label={s.regenerate}
			busyLabel={s.regenerating}
			run={async (password) => {
				const checked = check(recoveryCodesBody, { password });
				if (!checked.ok) return null;
				const res = await api("POST /me/totp/recovery-codes", { body: checked.data });
				if (!res.ok) return res;
				onCodes(res.data.recoveryCodes);
				return null;
			}}
		/>
	);
}

function Disable({ onDisabled }: { onDisabled: () => void }) {
	const { t } = useI18n();
	const s = t.security.totp;
	return (
		<PasswordAction
			id="totp-disable-password"
			heading={s.disableHeading}
			label={s.disable}
			busyLabel={s.disabling}
			danger
			run={async (password) => {
				const checked = check(disableTotpBody, { password });
				if (!checked.ok) return null;
				const res = await api("DELETE /me/totp", { body: checked.data });
				if (!res.ok) return res;
				onDisabled();
				return null;
			}}
		/>
	);
}
