package dev.ticketloop.platform;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every service shares, added with the lowest precedence so that a service's own
 * configuration or the environment still wins. Also turns off the AxonIQ update checker,
 * which would try to reach the internet (it only reads a system property or environment
 * variable, never application properties).
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

	/**
	 * Axon's system property (the environment variable is
	 * AXONIQ_UPDATE_CHECKER_DISABLED).
	 */
	static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

	static final Map<String, Object> DEFAULTS = Map.ofEntries(Map.entry("axon.axonserver.enabled", "false"),
			Map.entry("axon.serializer.general", "jackson3"), Map.entry("axon.serializer.events", "jackson3"),
			Map.entry("axon.serializer.messages", "jackson3"), Map.entry("spring.jmx.enabled", "false"),
			Map.entry("spring.autoconfigure.exclude",
					"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"),
			Map.entry("spring.main.banner-mode", "off"),
			// a stop ends within seconds even with the broker gone (a consumer would wait
			// 30 s to leave its group); what is not finished then is done again after the
			// restart (positions are stored after the work)
			Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "4s"),
			Map.entry("server.error.include-stacktrace", "never"), Map.entry("server.error.include-message", "never"),
			Map.entry("management.endpoints.web.exposure.include", "health,info"),
			// Axon logs every aggregate it cannot load at WARN with its stack trace, an
			// unknown ticket's 404 included; what is not expected is logged where it is
			// handled (a 500, an event handler's error)
			Map.entry("logging.level.org.axonframework.modelling.command.AbstractRepository", "ERROR"),
			// no static resources: every path is an endpoint with its rule, or a 404
			Map.entry("spring.web.resources.add-mappings", "false"),
			// what a call answers when it succeeds, not */*
			Map.entry("springdoc.default-produces-media-type", "application/json"),
			Map.entry("springdoc.api-docs.enabled", "true"),
			Map.entry("management.endpoint.health.show-details", "never"),
			Map.entry("spring.mongodb.uri", "${MONGODB_URI:mongodb://localhost:27017}"),
			Map.entry("spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}"),
			Map.entry("spring.kafka.producer.acks", "all"),
			Map.entry("spring.kafka.producer.properties.enable.idempotence", "true"),
			Map.entry("spring.kafka.producer.properties.linger.ms", "5"),
			Map.entry("spring.kafka.producer.properties.request.timeout.ms", "5000"),
			Map.entry("spring.kafka.producer.properties.delivery.timeout.ms", "20000"),
			Map.entry("spring.kafka.producer.properties.max.block.ms", "10000"),
			Map.entry("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer"),
			Map.entry("spring.kafka.producer.value-serializer",
					"org.apache.kafka.common.serialization.ByteArraySerializer"),
			Map.entry("spring.kafka.consumer.key-deserializer",
					"org.apache.kafka.common.serialization.StringDeserializer"),
			Map.entry("spring.kafka.consumer.value-deserializer",
					"org.apache.kafka.common.serialization.ByteArrayDeserializer"),
			Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
			Map.entry("spring.kafka.consumer.enable-auto-commit", "false"),
			Map.entry("spring.kafka.consumer.properties.metadata.max.age.ms", "5000"),
			// a killed instance's partitions move to the others within seconds, not after
			// Kafka's default 45 s session; rebalances move only the partitions that
			// change
			Map.entry("spring.kafka.consumer.properties.session.timeout.ms", "6000"),
			Map.entry("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000"),
			Map.entry("spring.kafka.consumer.properties.partition.assignment.strategy",
					"org.apache.kafka.clients.consumer.CooperativeStickyAssignor"));

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (System.getProperty(UPDATE_CHECKER_DISABLED) == null) {
			System.setProperty(UPDATE_CHECKER_DISABLED, "true");
		}
		environment.getPropertySources().addLast(new MapPropertySource("ticketloopPlatformDefaults", DEFAULTS));
	}

}
