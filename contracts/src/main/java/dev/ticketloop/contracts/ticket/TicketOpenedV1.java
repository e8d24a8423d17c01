package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * A customer's issue arrived through a channel adapter and a ticket was opened for it.
 *
 * @param channel {@code email}, {@code chat}, {@code app} or {@code social}
 * @param customerRef the adapter's reference of the customer (opaque to us)
 * @param contactEmail where the customer can be reached by e-mail, if given
 * @param contactName how to address the customer, if given
 * @param locale BCP 47 language tag, e.g. {@code es-MX}
 * @param contactTimeZone the customer's IANA time zone, if given (added in place:
 * optional)
 * @param customerTier the customer's plan as the adapter knows it, e.g. {@code vip}, if
 * given (added in place: optional)
 * @param platform where the customer uses the product: one of
 * {@link dev.ticketloop.contracts.ContractFormats#PLATFORMS}, if given (added in place:
 * optional, as the field after it)
 * @param productVersion the version of the product the customer runs (e.g.
 * {@code 4.2.1}), if given
 */
public record TicketOpenedV1(String ticketId, String channel, String customerRef, String contactEmail,
		String contactName, String locale, String subject, String body, Instant openedAt, String contactTimeZone,
		String customerTier, String platform, String productVersion) implements TicketIntegrationEvent {

	/** A ticket opened without the platform and product version. */
	public TicketOpenedV1(String ticketId, String channel, String customerRef, String contactEmail, String contactName,
			String locale, String subject, String body, Instant openedAt, String contactTimeZone, String customerTier) {
		this(ticketId, channel, customerRef, contactEmail, contactName, locale, subject, body, openedAt,
				contactTimeZone, customerTier, null, null);
	}

}
