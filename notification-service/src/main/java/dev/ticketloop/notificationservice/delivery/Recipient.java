package dev.ticketloop.notificationservice.delivery;

/**
 * Who is told, and how.
 *
 * @param channel the ticket's channel: {@code email} is sent by SMTP to the address, the
 * others ({@code chat}, {@code app}, {@code social}) by a signed webhook to the adapter
 * of that channel, which reaches the customer in the conversation they started
 * @param address the e-mail address; may be null on other channels
 * @param name how to address them; may be null
 * @param locale BCP 47 language tag
 * @param customerRef the adapter's reference of the customer (null in requests recorded
 * before it was kept)
 * @param timeZone the customer's IANA time zone; null: UTC
 */
public record Recipient(String channel, String address, String name, String locale, String customerRef,
		String timeZone) {

	public Recipient(String channel, String address, String name, String locale) {
		this(channel, address, name, locale, null, null);
	}

	public boolean byEmail() {
		return "email".equals(this.channel);
	}

}
