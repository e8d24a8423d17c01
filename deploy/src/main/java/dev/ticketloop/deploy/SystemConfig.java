package dev.ticketloop.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the three services find their infrastructure and how they are reached.
 *
 * @param kafkaBootstrapServers the broker
 * @param mongoConnectionString the MongoDB server, without database
 * @param databasePrefix prefix of each service's database (and consumer group) name
 * @param smtpHost the SMTP server notification-service sends through
 * @param smtpPort its port
 * @param ticketPort HTTP port of ticket-service (0: any free port)
 * @param routingPort HTTP port of routing-service
 * @param notificationPort HTTP port of notification-service
 * @param apiKeys ticket-service's clients
 * @param ticketServiceProperties further settings of ticket-service (e.g. its timers)
 */
public record SystemConfig(String kafkaBootstrapServers, String mongoConnectionString, String databasePrefix,
		String smtpHost, int smtpPort, int ticketPort, int routingPort, int notificationPort, List<ApiKey> apiKeys,
		Map<String, Object> ticketServiceProperties) {

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
		properties.put("logging.level.org.apache.kafka", "WARN");
		properties.put("logging.level.kafka", "WARN");
		properties.put("logging.level.org.axonframework", "WARN");
		properties.put("logging.level.de.bwaldvogel", "WARN");
		return properties;
	}

	Map<String, Object> ticketService() {
		Map<String, Object> properties = common("ticket-service", this.ticketPort);
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
		properties.putAll(this.ticketServiceProperties);
		return properties;
	}

	Map<String, Object> routingService() {
		return common("routing-service", this.routingPort);
	}

	Map<String, Object> notificationService() {
		Map<String, Object> properties = common("notification-service", this.notificationPort);
		properties.put("spring.mail.host", this.smtpHost);
		properties.put("spring.mail.port", this.smtpPort);
		return properties;
	}

}
