package dev.ticketloop.routingservice.triage;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The configured triage policies ({@code ticketloop.triage}): a default and overrides per
 * channel. Validated at start-up: a service with a broken policy does not start.
 */
@Validated
@ConfigurationProperties("ticketloop.triage")
public record TriagePolicies(@NotNull @Valid Policy defaultPolicy, Map<String, @Valid Policy> channels) {

	public TriagePolicies {
		channels = (channels != null) ? Map.copyOf(channels) : Map.of();
	}

	public Policy forChannel(String channel) {
		return this.channels.getOrDefault(channel, this.defaultPolicy);
	}

	/**
	 * @param name shown in decisions, e.g. {@code standard}
	 * @param priority {@code urgent}, {@code high}, {@code normal} or {@code low}
	 * @param firstResponse how long until the first response is due
	 */
	public record Policy(@NotBlank String name, @NotNull @Pattern(regexp = "urgent|high|normal|low") String priority,
			@NotNull Duration firstResponse) {

		public Policy {
			Objects.requireNonNull(firstResponse, "firstResponse");
			if (firstResponse.isNegative() || firstResponse.isZero()) {
				throw new IllegalArgumentException("first-response must be positive, was " + firstResponse);
			}
		}

	}

}
