package dev.ticketloop.notificationservice.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhooks back to channel adapters ({@code ticketloop.webhooks.*}).
 *
 * @param allowedHosts callback hosts allowed although they are private or loopback
 * addresses, and allowed over plain HTTP: host names, IP addresses or CIDR ranges (e.g.
 * {@code localhost}, {@code 10.1.0.0/16}); empty in production, where callbacks must be
 * public HTTPS URLs
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long to wait for the adapter's answer
 * @param secretOverlap how long the previous secret stays valid after a rotation (both
 * signatures are sent meanwhile)
 */
@Validated
@ConfigurationProperties("ticketloop.webhooks")
public record WebhookSettings(@DefaultValue List<String> allowedHosts, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("10s") Duration responseTimeout, @DefaultValue("24h") Duration secretOverlap) {
}
