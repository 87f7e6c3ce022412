/**
 * The account's invoices from Stripe: date, number, amount, status and a link to each. On a
 * phone each row becomes a small card (styles/plans.css), each cell labelled by its column
 * (`data-label`), instead of a table that scrolls sideways with its status and link off-screen.
 */
import type { Invoice } from "@smartpages/contracts";
import { formatDate, formatMoney } from "../../i18n";
import { useI18n } from "../../lib/i18n-context";

export function Invoices({ invoices }: { invoices: Invoice[] }) {
	const { t, locale } = useI18n();
	return (
		<section class="card" aria-labelledby="invoices-heading">
			<h2 id="invoices-heading">{t.billing.invoicesHeading}</h2>
			{invoices.length === 0 ? (
				<p>{t.billing.invoicesEmpty}</p>
			) : (
				<div class="table-scroll">
					<table class="invoices invoices-stacked">
						<thead>
							<tr>
								<th scope="col">{t.billing.invoiceDate}</th>
								<th scope="col">{t.billing.invoiceNumber}</th>
								<th scope="col" class="number">
									{t.billing.invoiceAmount}
								</th>
								<th scope="col">{t.billing.invoiceStatus}</th>
								<th scope="col">
									<span class="visually-hidden">{t.billing.invoiceView}</span>
								</th>
							</tr>
						</thead>
						<tbody>
							{invoices.map((invoice) => {
								const number = invoice.number ?? invoice.id;
								const paid = invoice.status === "paid";
								return (
									<tr key={invoice.id}>
										<td data-label={t.billing.invoiceDate}>
											{formatDate(locale, invoice.createdAt)}
										</td>
										<td data-label={t.billing.invoiceNumber}>{number}</td>
										<td class="number" data-label={t.billing.invoiceAmount}>
											{formatMoney(
												locale,
												paid ? invoice.amountPaid : invoice.amountDue,
												invoice.currency,
											)}
										</td>
										<td data-label={t.billing.invoiceStatus}>
											{invoice.status
												? (t.billing.invoiceStatuses[invoice.status] ?? invoice.status)
												: "–"}
										</td>
										<td class="invoice-view">
											{invoice.hostedInvoiceUrl ? (
												<a
													href={invoice.hostedInvoiceUrl}
													target="_blank"
													rel="noopener"
													aria-label={t.billing.invoiceViewLabel(number)}
												>
													{t.billing.invoiceView}
												</a>
											) : null}
										</td>
									</tr>
								);
							})}
						</tbody>
					</table>
				</div>
			)}
		</section>
	);
}
