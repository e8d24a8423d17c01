package dev.ticketloop.ticketservice.issue;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How the release fan-out works through linked tickets ({@code ticketloop.fan-out.*}).
 *
 * @param chunkSize tickets told per unit of work (one event-store append)
 * @param pollInterval how often the worker looks for jobs when not woken up
 */
@Validated
@ConfigurationProperties("ticketloop.fan-out")
public record FanOutSettings(@DefaultValue("250") @Min(1) @Max(2000) int chunkSize,
		@DefaultValue("1s") Duration pollInterval) {
}
