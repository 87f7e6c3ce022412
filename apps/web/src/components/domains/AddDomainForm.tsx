/**
 * Adds a custom domain. Without room in the plan the form gives way to what an upgrade offers;
 * a 402 from the API shows the same prompt, and a domain claimed elsewhere is said at the field.
 */
import { createDomainBody, type Domain, type PlanId } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { bareHostname } from "../../lib/typed-address";
import { useUnsavedWarning } from "../../lib/unsaved";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";
import { UpgradePrompt } from "../ui/UpgradePrompt";

interface Props {
	used: number;
	max: number;
	plan: PlanId;
	onAdded: (domain: Domain) => void;
}

export function AddDomainForm({ used, max, plan, onAdded }: Props) {
	const { t } = useI18n();
	const form = useFormState();
	const [hostname, setHostname] = useState("");
	useUnsavedWarning(hostname.trim() !== "");

	const submit = async () => {
		form.start();
		const bare = bareHostname(hostname);
		setHostname(bare);
		const checked = check(createDomainBody, { hostname: bare });
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await api("POST /domains", { body: checked.data });
		if (!res.ok) {
			if (res.code === "domain_taken") {
				return form.invalid({}, { hostname: t.domains.taken });
			}
			return form.failed(res);
		}
		form.done({ kind: "success", text: t.domains.added(res.data.domain.hostname) });
		setHostname("");
		onAdded(res.data.domain);
	};

	return (
		<section class="card" aria-labelledby="add-domain-heading">
			<h2 id="add-domain-heading">{t.domains.addHeading}</h2>
			{max > 0 ? <p class="hint">{t.domains.usage(used, max)}</p> : null}
			{used >= max ? (
				<UpgradePrompt limit={{ name: "maxCustomDomains", max, plan }} announce={false} />
			) : (
				<Form state={form} onSubmit={submit}>
					<FormMessage message={form.message} />
					<TextField
						id="domain-hostname"
						name="hostname"
						label={t.domains.hostname}
						required
						autocapitalize="none"
						autocomplete="off"
						spellcheck={false}
						inputMode="url"
						placeholder="links.example.com"
						value={hostname}
						onValue={setHostname}
						error={form.fields.hostname}
						hint={t.domains.hostnameHint}
					/>
					<SubmitButton busy={form.busy} label={t.domains.add} busyLabel={t.domains.adding} />
				</Form>
			)}
		</section>
	);
}
