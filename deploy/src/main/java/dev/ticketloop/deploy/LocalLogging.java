package dev.ticketloop.deploy;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code bin/run} logs. The broker and the store start before any service, so before
 * Spring Boot configures logging: without these levels the broker prints its whole
 * configuration at DEBUG and INFO (some 1,700 lines). The services then apply the same
 * levels from {@link SystemConfig}.
 */
final class LocalLogging {

	/** Loggers quieter than INFO in the local system. */
	static final Map<String, String> LEVELS = Map.of("org.apache.kafka", "WARN", "kafka", "WARN", "state.change.logger",
			"WARN", "org.axonframework", "WARN",
			// the stand-in says at each start which index kinds it ignores
			"de.bwaldvogel", "ERROR", "com.icegreen.greenmail", "WARN");

	private LocalLogging() {
	}

	/** Before the infrastructure starts. */
	static void quiet() {
		root().setLevel(Level.INFO);
		LEVELS.forEach((name, level) -> logger(name).setLevel(Level.toLevel(level)));
	}

	/**
	 * Before the broker stops, once the services are gone: its own clients warn that they
	 * are closed twice.
	 */
	static void quietBrokerStop() {
		logger("org.apache.kafka").setLevel(Level.ERROR);
		logger("kafka").setLevel(Level.ERROR);
	}

	private static Logger root() {
		return logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	private static Logger logger(String name) {
		return (Logger) LoggerFactory.getLogger(name);
	}

}
