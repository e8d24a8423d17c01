package dev.ticketloop.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the four services find their infrastructure and how they (and the console) are
 * reached.
 *
 * @param kafkaBootstrapServers the broker
 * @param mongoConnectionString the MongoDB server, without database
 * @param databasePrefix prefix of each service's database (and consumer group) name
 * @param smtpHost the SMTP server notification-service sends through
 * @param smtpPort its port
 * @param ticketPort HTTP port of ticket-service (0: any free port)
 * @param routingPort HTTP port of routing-service
 * @param notificationPort HTTP port of notification-service
 * @param apiKeys the clients of the services' APIs
 * @param ticketServiceProperties further settings of ticket-service (e.g. its timers)
 * @param serviceProperties further settings of any service, by service name (e.g.
 * routing-service's SLA policies)
 */
public record SystemConfig(String kafkaBootstrapServers, String mongoConnectionString, String databasePrefix,
		String smtpHost, int smtpPort, int ticketPort, int routingPort, int notificationPort, List<ApiKey> apiKeys,
		Map<String, Object> ticketServiceProperties, Map<String, Map<String, Object>> serviceProperties) {

	/** Without settings of the other services. */
	public SystemConfig(String kafkaBootstrapServers, String mongoConnectionString, String databasePrefix,
			String smtpHost, int smtpPort, int ticketPort, int routingPort, int notificationPort, List<ApiKey> apiKeys,
			Map<String, Object> ticketServiceProperties) {
		this(kafkaBootstrapServers, mongoConnectionString, databasePrefix, smtpHost, smtpPort, ticketPort, routingPort,
				notificationPort, apiKeys, ticketServiceProperties, Map.of());
	}

	/** A client of ticket-service's API. */
	public record ApiKey(String name, String key, String role, String channel) {
	}

	public String databaseOf(String service) {
		return this.databasePrefix + service;
	}

	Map<String, Object> common(String service, int port) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", port);
		properties.put("spring.mongodb.uri", this.mongoConnectionString);
		properties.put("ticketloop.mongodb.database", databaseOf(service));
		properties.put("spring.kafka.bootstrap-servers", this.kafkaBootstrapServers);
		properties.put("spring.kafka.consumer.group-id", databaseOf(service));
		LocalLogging.LEVELS.forEach((name, level) -> properties.put("logging.level." + name, level));
		properties.putAll(this.serviceProperties.getOrDefault(service, Map.of()));
		return properties;
	}

	/**
	 * The key survey links are signed with in the local system; a real deployment sets
	 * its own ({@code TICKETLOOP_SURVEYS_SIGNINGSECRET}).
	 */
	static final String LOCAL_SURVEY_SIGNING_SECRET = "local-only-survey-signing-secret-change-me";

	/** Every service knows the same clients; each lets them do what its rules allow. */
	private void apiKeys(Map<String, Object> properties) {
		for (int i = 0; i < this.apiKeys.size(); i++) {
			ApiKey key = this.apiKeys.get(i);
			String prefix = "ticketloop.security.api-keys[" + i + "].";
			properties.put(prefix + "name", key.name());
			properties.put(prefix + "key", key.key());
			properties.put(prefix + "role", key.role());
			if (key.channel() != null) {
				properties.put(prefix + "channel", key.channel());
			}
		}
	}

	public Map<String, Object> ticketService() {
		Map<String, Object> properties = common("ticket-service", this.ticketPort);
		apiKeys(properties);
		properties.putAll(this.ticketServiceProperties);
		return properties;
	}

	public Map<String, Object> routingService() {
		Map<String, Object> properties = common("routing-service", this.routingPort);
		apiKeys(properties);
		return properties;
	}

	/**
	 * notification-service mails through the given SMTP server, signs survey links with
	 * the local key and may call channel adapters' callbacks on this machine (loopback is
	 * allowed here, never in production).
	 */
	/**
	 * insights-service listens on the port after notification-service's (any free port
	 * when that one is).
	 */
	public int insightsPort() {
		return (this.notificationPort == 0) ? 0 : this.notificationPort + 1;
	}

	/**
	 * The console listens on the port before ticket-service's (8080 beside 8081; any free
	 * port when that one is).
	 */
	public int consolePort() {
		return (this.ticketPort == 0) ? 0 : this.ticketPort - 1;
	}

	/**
	 * The console passes calls to the first instance of each service (its URLs are known
	 * once they run).
	 */
	public Map<String, Object> console(String ticket, String routing, String notification, String insights) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", consolePort());
		properties.put("ticketloop.console.services.ticket", ticket);
		properties.put("ticketloop.console.services.routing", routing);
		properties.put("ticketloop.console.services.notification", notification);
		properties.put("ticketloop.console.services.insights", insights);
		LocalLogging.LEVELS.forEach((name, level) -> properties.put("logging.level." + name, level));
		properties.putAll(this.serviceProperties.getOrDefault("console", Map.of()));
		return properties;
	}

	/** insights-service reads the published topics and adds up what it reads. */
	public Map<String, Object> insightsService() {
		Map<String, Object> properties = common("insights-service", insightsPort());
		apiKeys(properties);
		return properties;
	}

	public Map<String, Object> notificationService() {
		Map<String, Object> properties = common("notification-service", this.notificationPort);
		apiKeys(properties);
		properties.put("spring.mail.host", this.smtpHost);
		properties.put("spring.mail.port", this.smtpPort);
		properties.put("ticketloop.surveys.signing-secret", LOCAL_SURVEY_SIGNING_SECRET);
		properties.put("ticketloop.webhooks.allowed-hosts", "127.0.0.1,localhost");
		return properties;
	}

}
