package dev.ticketloop.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.ticketloop.deploy.ComposeFile.ApiKey;
import dev.ticketloop.infra.embedded.EmbeddedKafka;
import dev.ticketloop.infra.embedded.EmbeddedMongo;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.insightsservice.InsightsServiceApplication;
import dev.ticketloop.notificationservice.NotificationServiceApplication;
import dev.ticketloop.notificationservice.survey.SurveyLinks;
import dev.ticketloop.platform.PlatformProperties;
import dev.ticketloop.routingservice.RoutingServiceApplication;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.context.support.StandardServletEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service of the compose file really started with the environment the file gives its
 * container, the env file {@code generate-env} writes filled in: nothing but those
 * variables (read with Spring's relaxed binding, as in the container) and the image's
 * port, except that the infrastructure's addresses point at embedded stand-ins (a broker,
 * a MongoDB, an SMTP server of this test's own, so that no other test's records reach the
 * services' consumer groups) and the topics' replication fits one broker.
 */
@Tag("integration")
class ComposeServicesStartTests {

	private static final Map<String, Supplier<SpringApplicationBuilder>> APPLICATIONS = Map.of("ticket-service",
			TicketServiceApplication::builder, "routing-service", RoutingServiceApplication::builder,
			"notification-service", NotificationServiceApplication::builder, "insights-service",
			InsightsServiceApplication::builder);

	@TempDir
	static Path directory;

	private static EmbeddedKafka kafka;

	private static EmbeddedMongo mongo;

	private static EmbeddedSmtp smtp;

	private static Map<String, String> envFile;

	private final ComposeFile compose = ComposeFile.read();

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startInfrastructure() {
		envFile = ComposeFile.generateEnvFile(directory);
		kafka = EmbeddedKafka.start(directory.resolve("kafka"), 0);
		mongo = EmbeddedMongo.inMemory();
		smtp = EmbeddedSmtp.start(0);
	}

	@AfterAll
	static void stopInfrastructure() {
		smtp.close();
		mongo.close();
		kafka.close();
	}

	@ParameterizedTest
	@FieldSource("dev.ticketloop.deploy.ComposeFile#SERVICES")
	void the_service_starts_with_the_environment_the_file_gives_it(String service) throws Exception {
		Map<String, String> environment = this.compose.environment(service, envFile);
		replace(environment, "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
		replace(environment, "TICKETLOOP_KAFKA_REPLICATIONFACTOR", "1");
		replace(environment, "MONGODB_URI", mongo.connectionString());
		if (service.equals("notification-service")) {
			replace(environment, "SMTP_HOST", smtp.host());
			replace(environment, "SMTP_PORT", String.valueOf(smtp.port()));
		}

		try (ConfigurableApplicationContext context = start(service, environment)) {
			String url = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<String> health = get(url + "/actuator/health", null);
			assertThat(health.statusCode()).as("%s's health", service).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");

			var keys = ComposeFile.apiKeys(environment);
			for (ApiKey key : keys) {
				assertThat(get(url + "/v3/api-docs", key.key()).statusCode())
					.as("%s accepts %s's key", service, key.name())
					.isEqualTo(200);
			}
			assertThat(get(url + "/v3/api-docs", "not-one-of-the-configured-keys").statusCode()).isEqualTo(401);
			var bound = context.getBean(PlatformProperties.class).security().apiKeys();
			assertThat(bound.stream()
				.map((k) -> (k.channel() != null) ? k.role() + ":" + k.channel() : k.role())
				.collect(Collectors.toSet())).as("%s's clients", service)
				.containsAll(ComposeFileTests.CALLERS.get(service));

			if (service.equals("notification-service")) {
				assertThat(context.getBean(SurveyLinks.class).linkFor("survey", Instant.now()))
					.as("the survey link in mails")
					.startsWith("http://localhost:8083/surveys/");
			}
		}
	}

	/** Only what the file already sets: the test adds nothing the service needs. */
	private static void replace(Map<String, String> environment, String name, String value) {
		assertThat(environment).as("the environment the file gives sets %s", name).containsKey(name);
		environment.put(name, value);
	}

	/**
	 * As the container runs it: these variables as the process's whole environment, the
	 * image's {@code --server.port} argument (any free port here).
	 */
	private static ConfigurableApplicationContext start(String service, Map<String, String> environment) {
		StandardServletEnvironment spring = new StandardServletEnvironment();
		spring.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(environment)));
		return APPLICATIONS.get(service).get().environment(spring).registerShutdownHook(false).run("--server.port=0");
	}

	private HttpResponse<String> get(String url, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (key != null) {
			request.header("X-Api-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
