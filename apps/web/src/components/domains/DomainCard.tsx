/**
 * One custom domain: its state, what is still missing (in words), the two DNS records with copy
 * buttons (and the ALIAS/ANAME way for an apex), "Check now", and deleting after a confirmation.
 */
import type { Domain } from "@smartpages/contracts";
import { useRef, useState } from "preact/hooks";
import { formatDateTime } from "../../i18n";
import { api } from "../../lib/api";
import { domainProblem, isApex } from "../../lib/domains";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import { CopyButton } from "../ui/CopyButton";

interface Props {
	domain: Domain;
	onChanged: (domain: Domain) => void;
	onDeleted: () => void;
}

function RecordRow({ type, name, value }: { type: string; name: string; value: string }) {
	const { t } = useI18n();
	return (
		<tr>
			<td>{type}</td>
			<td>
				<code class="record">{name}</code>
				<CopyButton text={name} label={t.domains.copyName(type)} />
			</td>
			<td>
				<code class="record">{value}</code>
				<CopyButton text={value} label={t.domains.copyValue(type)} />
			</td>
		</tr>
	);
}

export function DomainCard({ domain, onChanged, onDeleted }: Props) {
	const { t, locale } = useI18n();
	const [busy, setBusy] = useState<"check" | "delete" | null>(null);
	const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
	const [confirming, setConfirming] = useState(false);
	const confirmButton = useRef<HTMLButtonElement>(null);
	const problem = domainProblem(t, domain);
	const headingId = `domain-${domain.id}`;

	const check = async () => {
		if (busy) return;
		setBusy("check");
		setMessage(null);
		const res = await api("POST /domains/:id/verify", { params: { id: domain.id } });
		setBusy(null);
		if (!res.ok) {
			setMessage({ ok: false, text: failureText(t, res) });
			return;
		}
		onChanged(res.data.domain);
		const active = res.data.domain.status === "active";
		setMessage({
			ok: active,
			text: active ? t.domains.nowActive(domain.hostname) : t.domains.notYet(domain.hostname),
		});
	};

	const remove = async () => {
		if (busy) return;
		setBusy("delete");
		setMessage(null);
		const res = await api("DELETE /domains/:id", { params: { id: domain.id } });
		setBusy(null);
		if (!res.ok && res.code !== "not_found") {
			setMessage({ ok: false, text: failureText(t, res) });
			return;
		}
		onDeleted();
	};

	return (
		<article class="card domain" aria-labelledby={headingId} data-domain-status={domain.status}>
			<h3 id={headingId} tabIndex={-1}>
				{domain.hostname}
			</h3>
			<p>
				<strong>{t.domains.statusLabel}:</strong>{" "}
				<span class={`badge badge-domain-${domain.status}`}>{t.domains.status[domain.status]}</span>
			</p>
			<p class="row-meta">
				{domain.activatedAt
					? t.domains.activeSince(formatDateTime(locale, domain.activatedAt))
					: t.domains.addedOn(formatDateTime(locale, domain.createdAt))}
				{domain.lastCheckedAt
					? ` · ${t.domains.lastChecked(formatDateTime(locale, domain.lastCheckedAt))}`
					: null}
			</p>
			{domain.suspended ? <p class="notice notice-error">{t.domains.suspended}</p> : null}
			{domain.status === "active" && !domain.suspended ? (
				<p class="hint">{t.onboarding.domainAddress(domain.hostname)}</p>
			) : null}
			{problem ? (
				<p class={domain.status === "failed" ? "notice notice-error" : "notice notice-info"}>
					{problem}
				</p>
			) : null}
			{domain.status !== "active" ? (
				<>
					<h4>{t.domains.recordsHeading}</h4>
					<p class="hint">{t.domains.recordsIntro}</p>
					<div class="table-scroll">
						<table class="records">
							<thead>
								<tr>
									<th scope="col">{t.domains.recordType}</th>
									<th scope="col">{t.domains.recordName}</th>
									<th scope="col">{t.domains.recordValue}</th>
								</tr>
							</thead>
							<tbody>
								<RecordRow {...domain.verification} />
								<RecordRow {...domain.target} />
							</tbody>
						</table>
					</div>
					<ul class="hint">
						<li>TXT: {t.domains.txtPurpose}</li>
						<li>CNAME: {t.domains.cnamePurpose}</li>
					</ul>
					{isApex(domain.hostname) ? (
						<p class="hint">{t.domains.apexHint(domain.target.value)}</p>
					) : null}
				</>
			) : null}
			<div aria-live="polite">
				{message ? (
					<p
						class={message.ok ? "notice notice-success" : "notice notice-error"}
						role={message.ok ? undefined : "alert"}
					>
						{message.text}
					</p>
				) : null}
			</div>
			<div class="actions">
				{domain.status !== "active" ? (
					<button
						type="button"
						class="button button-primary"
						// The accessible name starts with the visible text (WCAG 2.5.3), and follows it while busy.
						aria-label={busy === "check" ? undefined : t.domains.checkLabel(domain.hostname)}
						aria-disabled={busy ? "true" : undefined}
						onClick={() => void check()}
					>
						{busy === "check" ? t.domains.checking : t.domains.check}
					</button>
				) : null}
				{confirming ? (
					<>
						<span>{t.domains.confirmDelete(domain.hostname)}</span>
						<button
							type="button"
							ref={confirmButton}
							class="button button-danger"
							aria-disabled={busy ? "true" : undefined}
							onClick={() => void remove()}
						>
							{t.domains.confirm}
						</button>
						<button type="button" class="button button-quiet" onClick={() => setConfirming(false)}>
							{t.common.cancel}
						</button>
					</>
				) : (
					<button
						type="button"
						class="button button-danger-outline"
						aria-label={t.domains.deleteLabel(domain.hostname)}
						onClick={() => {
							setConfirming(true);
							requestAnimationFrame(() => confirmButton.current?.focus());
						}}
					>
						{t.common.delete}
					</button>
				)}
			</div>
		</article>
	);
}
