package dev.ticketloop.deploy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ticketloop.deploy.ComposeFile.ApiKey;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production-like compose file, read as Docker Compose reads it (no Docker here to
 * run it): every service reachable on its port with a health check, started once the
 * infrastructure is healthy, pointed at the cluster, with every secret from the env file
 * {@code generate-env} writes and a key for every client that calls it.
 * {@link ComposeServicesStartTests} starts each service with the environment the file
 * gives it.
 */
class ComposeFileTests {

	/**
	 * The clients each service's endpoints serve ({@code TicketEndpoints},
	 * {@code RoutingEndpoints}, {@code NotificationEndpoints}, {@code InsightsEndpoints};
	 * the API docs, open to every role, aside): a role, or an adapter's role and channel.
	 */
	static final Map<String, Set<String>> CALLERS = Map.of("ticket-service",
			Set.of("ADAPTER:email", "ADAPTER:chat", "AGENT", "OPERATOR", "ENGINEERING"), "routing-service",
			Set.of("AGENT", "OPERATOR"), "notification-service", Set.of("ADAPTER:email", "ADAPTER:chat", "OPERATOR"),
			"insights-service", Set.of("AGENT", "LEAD", "OPERATOR"));

	private static final List<String> KAFKA = List.of("kafka-1", "kafka-2", "kafka-3");

	private static final List<String> MONGO = List.of("mongo-1", "mongo-2", "mongo-3");

	private final ComposeFile compose = ComposeFile.read();

	@ParameterizedTest
	@FieldSource("dev.ticketloop.deploy.ComposeFile#SERVICES")
	void each_service_publishes_its_port_and_has_a_health_check(String service) {
		assertThat(this.compose.ports(service)).as("%s's published ports", service)
			.contains(ComposeFile.PUBLISHED_PORTS.get(service) + ":" + ComposeFile.CONTAINER_PORT);
		assertThat(this.compose.healthCheck(service)).as("%s's health check", service)
			.isNotNull()
			.contains("curl")
			.contains("-f")
			.contains("http://localhost:" + ComposeFile.CONTAINER_PORT + "/actuator/health");
	}

	/**
	 * The console calls each service by its name on the compose network, once healthy.
	 */
	@Test
	void the_console_is_published_and_fronts_every_service_on_the_compose_network() {
		assertThat(this.compose.ports("console")).contains("8080:" + ComposeFile.CONTAINER_PORT);
		assertThat(this.compose.healthCheck("console")).contains("curl")
			.contains("-f")
			.contains("http://localhost:" + ComposeFile.CONTAINER_PORT + "/actuator/health");
		assertThat(this.compose.dependsOn("console")).containsAllEntriesOf(healthy(ComposeFile.SERVICES));
		Map<String, String> environment = this.compose.rawEnvironment("console");
		for (String service : ComposeFile.SERVICES) {
			String variable = service.replace("-service", "").toUpperCase(java.util.Locale.ROOT) + "_SERVICE_URL";
			assertThat(environment).as("the console's %s", variable)
				.containsEntry(variable, "http://" + service + ":" + ComposeFile.CONTAINER_PORT);
		}
	}

	@Test
	void the_image_listens_on_the_container_port_and_has_the_health_checks_tool() {
		String dockerfile = ComposeFile.readString(ComposeFile.DIRECTORY.resolve("../docker/Dockerfile"));
		assertThat(dockerfile).contains("--server.port=" + ComposeFile.CONTAINER_PORT).contains("curl");
	}

	@Test
	void the_infrastructure_has_health_checks_and_everything_waits_for_what_it_needs() {
		SoftAssertions.assertSoftly((softly) -> {
			for (String infrastructure : List.of("kafka-1", "kafka-2", "kafka-3", "mongo-1", "mongo-2", "mongo-3",
					"mailpit")) {
				softly.assertThat(this.compose.healthCheck(infrastructure))
					.as("%s's health check", infrastructure)
					.isNotBlank();
			}
			softly.assertThat(this.compose.dependsOn("mongo-init"))
				.as("mongo-init waits for")
				.containsAllEntriesOf(healthy(MONGO));
			for (String service : ComposeFile.SERVICES) {
				softly.assertThat(this.compose.dependsOn(service))
					.as("%s waits for", service)
					.containsAllEntriesOf(healthy(KAFKA))
					.containsEntry("mongo-init", "service_completed_successfully");
			}
			softly.assertThat(this.compose.dependsOn("notification-service"))
				.as("notification-service waits for")
				.containsEntry("mailpit", "service_healthy");
		});
	}

	@ParameterizedTest
	@FieldSource("dev.ticketloop.deploy.ComposeFile#SERVICES")
	void each_service_is_pointed_at_the_cluster(String service) {
		Map<String, String> environment = this.compose.rawEnvironment(service);
		assertThat(environment).as("%s's environment", service)
			.containsKeys("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI")
			.containsEntry("TICKETLOOP_KAFKA_REPLICATIONFACTOR", "3");
		assertThat(ComposeFile.hosts(environment.get("KAFKA_BOOTSTRAP_SERVERS"))).containsExactlyElementsOf(KAFKA);
		String mongo = environment.get("MONGODB_URI");
		assertThat(ComposeFile.hosts(mongo.replaceFirst("^mongodb://", "").replaceFirst("/.*$", "")))
			.containsExactlyElementsOf(MONGO);
		assertThat(mongo).contains("replicaSet=rs0");
		assertThat(this.compose.services()).containsAll(KAFKA).containsAll(MONGO);
	}

	@Test
	void notification_service_mails_through_the_smtp_server_and_links_surveys_to_a_reachable_page(
			@TempDir Path directory) {
		Map<String, String> environment = this.compose.environment("notification-service",
				ComposeFile.generateEnvFile(directory));
		assertThat(environment).containsEntry("SMTP_PORT", "1025").containsKey("SMTP_HOST");
		assertThat(this.compose.services()).contains(environment.get("SMTP_HOST"));
		// the service's default link would name the container's port, not the published
		// one
		assertThat(environment.get("SURVEY_LINK")).isEqualTo(
				"http://localhost:" + ComposeFile.PUBLISHED_PORTS.get("notification-service") + "/surveys/{token}");
	}

	@Test
	void every_variable_comes_from_the_env_file_or_has_a_default(@TempDir Path directory) {
		Map<String, String> example = ComposeFile.readEnvFile(ComposeFile.DIRECTORY.resolve("example.env"));
		Map<String, String> generated = ComposeFile.generateEnvFile(directory);
		this.compose.variables().forEach((name, ifMissing) -> {
			if (ifMissing.startsWith(":-")) {
				return;
			}
			assertThat(ifMissing).as("${%s} stops Compose with a message when it is missing", name)
				.startsWith(":?")
				.hasSizeGreaterThan(2);
			assertThat(example).as("example.env names %s", name).containsKey(name);
			assertThat(generated.get(name)).as("generate-env writes %s", name).hasSizeGreaterThanOrEqualTo(32);
		});
		assertThat(generated.keySet()).isEqualTo(example.keySet());
		assertThat(Set.copyOf(generated.values())).as("every value its own").hasSize(generated.size());
	}

	@Test
	void compose_stops_naming_the_setting_when_one_is_missing_from_the_env_file(@TempDir Path directory) {
		Map<String, String> generated = ComposeFile.generateEnvFile(directory);
		this.compose.variables().forEach((name, ifMissing) -> {
			if (!ifMissing.startsWith(":?")) {
				return;
			}
			Map<String, String> variables = new HashMap<>(generated);
			variables.remove(name);
			assertThatThrownBy(
					() -> ComposeFile.SERVICES.forEach((service) -> this.compose.environment(service, variables)))
				.as("without %s", name)
				.hasMessageContaining(name);
		});
	}

	@Test
	void no_key_or_secret_is_written_in_the_file() {
		for (String service : this.compose.services()) {
			this.compose.rawEnvironment(service).forEach((name, value) -> {
				if (name.endsWith("_KEY") || name.endsWith("SECRET") || name.endsWith("PASSWORD")) {
					assertThat(value).as("%s of %s", name, service).matches("\\$\\{[A-Z_]+:\\?.+}");
				}
			});
		}
	}

	@ParameterizedTest
	@FieldSource("dev.ticketloop.deploy.ComposeFile#SERVICES")
	void each_service_knows_a_key_for_every_client_that_calls_it(String service) {
		Map<String, String> raw = this.compose.rawEnvironment(service);
		List<ApiKey> keys = ComposeFile.apiKeys(raw);
		assertThat(keys.stream().map(ApiKey::client).collect(Collectors.toSet())).as("%s's clients", service)
			.containsAll(CALLERS.get(service));
		assertThat(keys).allSatisfy((key) -> assertThat(key.name()).as("key %s's name", key.index()).isNotBlank());
		assertThat(keys).extracting(ApiKey::name).doesNotHaveDuplicates();
		assertThat(keys).extracting(ApiKey::key).doesNotHaveDuplicates();
	}

	private static Map<String, String> healthy(List<String> services) {
		return services.stream().collect(Collectors.toMap((s) -> s, (s) -> "service_healthy"));
	}

}
