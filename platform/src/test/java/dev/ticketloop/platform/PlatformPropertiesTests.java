package dev.ticketloop.platform;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Topic settings as operators give them, through the environment: each works alone (only
 * the replication factor set bound the partitions to 0, and the services started without
 * their topics).
 */
class PlatformPropertiesTests {

	@Test
	void the_replication_factor_alone_keeps_the_default_partitions() {
		PlatformProperties properties = bind(Map.of("ticketloop.kafka.replication-factor", "3"));

		assertThat(properties.kafka().replicationFactor()).isEqualTo((short) 3);
		assertThat(properties.kafka().partitions()).isEqualTo(PlatformProperties.Kafka.DEFAULT_PARTITIONS);
	}

	@Test
	void the_partitions_alone_keep_the_default_replication_factor() {
		PlatformProperties properties = bind(Map.of("ticketloop.kafka.partitions", "12"));

		assertThat(properties.kafka().partitions()).isEqualTo(12);
		assertThat(properties.kafka().replicationFactor()).isEqualTo((short) 1);
	}

	@Test
	void no_partitions_is_refused() {
		assertThatThrownBy(() -> bind(Map.of("ticketloop.kafka.partitions", "0")))
			.hasRootCauseInstanceOf(IllegalArgumentException.class)
			.hasStackTraceContaining("ticketloop.kafka.partitions");
	}

	private static PlatformProperties bind(Map<String, String> environment) {
		return new Binder(new MapConfigurationPropertySource(environment)).bindOrCreate("ticketloop",
				PlatformProperties.class);
	}

}
