package dev.ticketloop.console;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's settings ({@code ticketloop.console.*}).
 *
 * @param services where each service answers: {@code ticket}, {@code routing},
 * {@code notification}, {@code insights} (their base URLs); {@code /api/<name>/...} is
 * passed to {@code <url>/...}
 * @param sessionLifetime how long a sign-in lasts at most, however active the person is
 * (the idle timeout is {@code server.servlet.session.timeout})
 * @param upstreamTimeout how long a call to a service may take (not a stream)
 * @param failedSignIns how many failed sign-ins an address may make per
 * {@code failedSignInWindow} (they come back one by one over it); beyond, 429
 * @param failedSignInWindow see {@code failedSignIns}
 */
@ConfigurationProperties("ticketloop.console")
public record ConsoleProperties(Map<String, URI> services, Duration sessionLifetime, Duration upstreamTimeout,
		Integer failedSignIns, Duration failedSignInWindow) {

	public ConsoleProperties {
		services = (services != null) ? Map.copyOf(services) : Map.of();
		sessionLifetime = (sessionLifetime != null) ? sessionLifetime : Duration.ofHours(10);
		upstreamTimeout = (upstreamTimeout != null) ? upstreamTimeout : Duration.ofSeconds(30);
		failedSignIns = (failedSignIns != null) ? failedSignIns : 10;
		failedSignInWindow = (failedSignInWindow != null) ? failedSignInWindow : Duration.ofMinutes(5);
		if (failedSignIns < 1 || !failedSignInWindow.isPositive()) {
			throw new IllegalArgumentException(
					"ticketloop.console.failed-sign-ins must be at least 1 and failed-sign-in-window positive");
		}
	}

	/** The service that answers {@code /me} for a sign-in. */
	URI identityService() {
		URI ticket = this.services.get("ticket");
		if (ticket == null) {
			throw new IllegalStateException("ticketloop.console.services.ticket is not set");
		}
		return ticket;
	}

}
