package dev.ticketloop.routingservice.sla;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often the leading instance looks for due SLA deadlines
 */
@ConfigurationProperties("ticketloop.sla.timers")
public record SlaTimerSettings(@DefaultValue("50ms") Duration pollInterval) {
}
