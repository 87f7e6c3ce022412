/**
 * The custom domains screen (/domains): the account's domains with their DNS records and state,
 * adding one (a Pro feature: the Free plan sees what Pro offers, and a 402 shows the same), a
 * re-check on demand, and deleting with a confirmation.
 */
import type { Domain } from "@smartpages/contracts";
import { useEffect, useState } from "preact/hooks";
import type { Locale } from "../../i18n";
import { type Me, useAccount } from "../../lib/account";
import { api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { useResource } from "../../lib/resource";
import { LoadFailure, Loading } from "../ui/LoadFailure";
import { AddDomainForm } from "./AddDomainForm";
import { DomainCard } from "./DomainCard";

export default function DomainsIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<DomainsScreen />
		</I18n>
	);
}

async function loadDomains() {
	const res = await api("GET /domains");
	return res.ok ? { ok: true as const, data: res.data.domains } : res;
}

function DomainsScreen() {
	const { locale } = useI18n();
	const account = useAccount(locale);
	const { data: domains, failure, reload, update } = useResource(loadDomains);

	if (account.status === "failed") {
		return <LoadFailure failure={account.failure} retry={account.retry} />;
	}
	if (failure) return <LoadFailure failure={failure} retry={reload} />;
	if (account.status === "loading" || !domains) return <Loading />;
	return <Domains me={account.me} domains={domains} setDomains={update} />;
}

function Domains({
	me,
	domains,
	setDomains,
}: {
	me: Me;
	domains: Domain[];
	setDomains: (update: (list: Domain[]) => Domain[]) => void;
}) {
	const { t } = useI18n();
	const [notice, setNotice] = useState<string | null>(null);
	const [focusId, setFocusId] = useState<string | null>(null);

	// A new domain's records are what the customer needs next: focus moves to its heading.
	useEffect(() => {
		if (!focusId) return;
		document.getElementById(`domain-${focusId}`)?.focus();
		setFocusId(null);
	}, [focusId]);

	const replace = (next: Domain) =>
		setDomains((list) => list.map((d) => (d.id === next.id ? next : d)));

	return (
		<>
			<AddDomainForm
				used={domains.length}
				max={me.entitlements.maxCustomDomains}
				plan={me.plan.id}
				onAdded={(domain) => {
					setNotice(null);
					setDomains((list) => [...list, domain]);
					setFocusId(domain.id);
				}}
			/>
			<section aria-labelledby="domains-list-heading">
				<h2 id="domains-list-heading">{t.domains.listHeading}</h2>
				<div aria-live="polite">
					{notice ? <p class="notice notice-success">{notice}</p> : null}
				</div>
				{domains.length === 0 ? (
					<p class="card">{t.domains.empty}</p>
				) : (
					domains.map((domain) => (
						<DomainCard
							key={domain.id}
							domain={domain}
							onChanged={replace}
							onDeleted={() => {
								setDomains((list) => list.filter((d) => d.id !== domain.id));
								setNotice(t.domains.deleted(domain.hostname));
								document.getElementById("domains-list-heading")?.focus();
							}}
						/>
					))
				)}
			</section>
		</>
	);
}
