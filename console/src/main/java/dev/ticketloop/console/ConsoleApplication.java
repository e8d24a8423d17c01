package dev.ticketloop.console;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;

/**
 * The support console: static pages served from this jar, a session per person who signs
 * in, and the services' APIs behind {@code /api/<service>/} called with that person's own
 * rights (ADR 18).
 */
@SpringBootApplication
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleApplication {

	/** Its configuration file: {@code console.yml}. */
	public static final String NAME = "console";

	/** No generated user and password: people sign in with their key. */
	private static final String USER_DETAILS = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration";

	public static void main(String[] args) {
		builder().run(args);
	}

	/**
	 * The console's application. It holds no store and no broker: where the services'
	 * auto-configurations are on the classpath too (one JVM running the whole system),
	 * they are left out.
	 */
	public static SpringApplicationBuilder builder() {
		String foreign = ImportCandidates.load(AutoConfiguration.class, ConsoleApplication.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter(ConsoleApplication::foreign)
			.collect(Collectors.joining(","));
		String excluded = USER_DETAILS + (foreign.isEmpty() ? "" : "," + foreign);
		// above every other source: the services' platform sets defaults of its own in a
		// JVM that runs them too (no static resources among them)
		ApplicationListener<ApplicationEnvironmentPreparedEvent> consoleOnly = (event) -> event.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("consoleOnly",
					Map.of("spring.autoconfigure.exclude", excluded, "spring.web.resources.add-mappings", "true")));
		return new SpringApplicationBuilder(ConsoleApplication.class).properties("spring.config.name=" + NAME)
			.listeners(consoleOnly);
	}

	private static boolean foreign(String autoConfiguration) {
		String name = autoConfiguration.toLowerCase(java.util.Locale.ROOT);
		return name.startsWith("dev.ticketloop.") || name.startsWith("org.axonframework.") || name.contains("kafka")
				|| name.contains("mongo") || name.contains("mail") || name.contains("springdoc");
	}

}
