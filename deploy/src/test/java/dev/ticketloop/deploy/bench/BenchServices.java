package dev.ticketloop.deploy.bench;

import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service started alone in the benchmark's JVM for one scenario: its consumer group is
 * placed at the end of the shared broker's topics first ({@link SharedBroker}), and its
 * properties are given as command-line arguments (they take precedence over its own
 * file).
 */
final class BenchServices {

	private BenchServices() {
	}

	static ConfigurableApplicationContext start(SpringApplicationBuilder service, Map<String, Object> properties) {
		SharedBroker.startAtEnd(String.valueOf(properties.get("spring.kafka.bootstrap-servers")),
				List.of(SharedBroker.groupOf(properties)));
		return service.run(properties.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new));
	}

}
