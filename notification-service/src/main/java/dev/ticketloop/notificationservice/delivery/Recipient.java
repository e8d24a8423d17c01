package dev.ticketloop.notificationservice.delivery;

/**
 * Who is told, and how.
 *
 * @param channel {@code email} (webhooks to channel adapters come with the delivery
 * engine)
 * @param address the e-mail address
 * @param name how to address them; may be null
 * @param locale BCP 47 language tag
 */
public record Recipient(String channel, String address, String name, String locale) {

}
