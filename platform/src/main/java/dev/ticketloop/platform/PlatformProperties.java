package dev.ticketloop.platform;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings shared by every service ({@code ticketloop.*}).
 *
 * @param service the service's name, used as CloudEvents source and default database
 * @param mongodb database of this service
 * @param kafka topic layout
 * @param web request limits
 * @param security API keys
 * @param processing event processors
 * @param scaleOut how the instances of a service share its work
 */
@ConfigurationProperties("ticketloop")
public record PlatformProperties(String service, Mongodb mongodb, Kafka kafka, Web web, Security security,
		Processing processing, ScaleOut scaleOut) {

	public PlatformProperties {
		mongodb = (mongodb != null) ? mongodb : new Mongodb(null);
		kafka = (kafka != null) ? kafka : new Kafka(null, null, null, null, null, null, null);
		scaleOut = (scaleOut != null) ? scaleOut : new ScaleOut(null, null, null, null);
		web = (web != null) ? web : new Web(DataSize.ofKilobytes(64));
		security = (security != null) ? security : new Security(List.of());
		processing = (processing != null) ? processing : new Processing(Processing.DEFAULT_BATCH_SIZE);
	}

	public String databaseName() {
		return (this.mongodb.database() != null) ? this.mongodb.database() : this.service;
	}

	/**
	 * @param database the MongoDB database of this service; defaults to the service name
	 */
	public record Mongodb(String database) {
	}

	/**
	 * Each may be set alone; the other keeps its default.
	 *
	 * @param partitions partitions of the topics this service creates (default
	 * {@value #DEFAULT_PARTITIONS}): the most instances of a consuming service that get
	 * records
	 * @param replicationFactor their replication factor (default 1; 3 in production)
	 * @param retention how long the public topics keep records (default 30 days; set on
	 * the topics at every start): a consumer that starts later gets older events by a
	 * republish from the event store, which keeps everything
	 * @param replayRetention how long the replay topics of republish jobs keep records
	 * (default 7 days)
	 * @param minInsyncReplicas replicas that must have a record before it is acknowledged
	 * (default 2 when the replication factor is above 1, else 1)
	 * @param validatePublished what the outbox does with a record that breaks its JSON
	 * Schema: {@code warn} (default: sent, logged at ERROR; a stalled outbox would stop
	 * every later event of its segment), {@code fail} (not sent: the outbox retries and
	 * logs why; what every test runs with) or {@code off}
	 * @param schemaBaseUrl where this service is reached, the base of the
	 * {@code dataschema} URL each record names ({@code <base>/schemas/<type>.json});
	 * default {@code http://localhost:<server.port>}
	 */
	public record Kafka(Integer partitions, Short replicationFactor, Duration retention, Duration replayRetention,
			Short minInsyncReplicas, PublishedValidation validatePublished, String schemaBaseUrl) {

		public static final int DEFAULT_PARTITIONS = 3;

		public static final Duration DEFAULT_RETENTION = dev.ticketloop.contracts.Topics.DEFAULT_RETENTION;

		public static final Duration DEFAULT_REPLAY_RETENTION = Duration.ofDays(7);

		public Kafka {
			partitions = (partitions != null) ? partitions : DEFAULT_PARTITIONS;
			replicationFactor = (replicationFactor != null) ? replicationFactor : (short) 1;
			retention = (retention != null) ? retention : DEFAULT_RETENTION;
			replayRetention = (replayRetention != null) ? replayRetention : DEFAULT_REPLAY_RETENTION;
			minInsyncReplicas = (minInsyncReplicas != null) ? minInsyncReplicas
					: (short) ((replicationFactor > 1) ? 2 : 1);
			validatePublished = (validatePublished != null) ? validatePublished : PublishedValidation.WARN;
			if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
				throw new IllegalArgumentException(
						"ticketloop.kafka.min-insync-replicas must be between 1 and the replication factor");
			}
			if (partitions < 1 || replicationFactor < 1) {
				throw new IllegalArgumentException(
						"ticketloop.kafka.partitions and ticketloop.kafka.replication-factor must be at least 1");
			}
			if (retention.isNegative() || retention.isZero() || replayRetention.isNegative()
					|| replayRetention.isZero()) {
				throw new IllegalArgumentException(
						"ticketloop.kafka.retention and ticketloop.kafka.replay-retention must be positive");
			}
		}

	}

	/**
	 * @param heartbeat how often an instance says it is alive
	 * @param instanceTimeout after how long without a heartbeat an instance counts as
	 * gone (its share of the work goes to the others)
	 * @param claimTimeout after how long a segment claim that was not extended may be
	 * taken by another instance (a killed instance's work is taken over after it)
	 * @param tokenClaimInterval how often an instance looks for segments to take, or to
	 * give up beyond its fair share
	 */
	public record ScaleOut(Duration heartbeat, Duration instanceTimeout, Duration claimTimeout,
			Duration tokenClaimInterval) {

		public ScaleOut {
			heartbeat = (heartbeat != null) ? heartbeat : Duration.ofSeconds(2);
			instanceTimeout = (instanceTimeout != null) ? instanceTimeout : Duration.ofSeconds(8);
			claimTimeout = (claimTimeout != null) ? claimTimeout : Duration.ofSeconds(10);
			tokenClaimInterval = (tokenClaimInterval != null) ? tokenClaimInterval : Duration.ofSeconds(2);
		}

	}

	/** What the outbox does with a record that breaks its schema. */
	public enum PublishedValidation {

		FAIL, WARN, OFF

	}

	/**
	 * @param maxRequestSize larger request bodies get 413
	 */
	public record Web(DataSize maxRequestSize) {
		public Web {
			maxRequestSize = (maxRequestSize != null) ? maxRequestSize : DataSize.ofKilobytes(64);
		}
	}

	/**
	 * @param apiKeys the clients allowed to call this service
	 */
	public record Security(List<ApiKey> apiKeys) {
		public Security {
			apiKeys = (apiKeys != null) ? List.copyOf(apiKeys) : List.of();
		}
	}

	/**
	 * One client's credentials.
	 *
	 * @param name who the client is, e.g. {@code email-adapter}
	 * @param key the secret it sends in {@code X-Api-Key}; at least 16 characters
	 * @param role {@code ADAPTER}, {@code AGENT}, {@code OPERATOR} or {@code ENGINEERING}
	 * @param channel for adapters: the only channel whose tickets this key sees
	 */
	public record ApiKey(String name, String key, String role, String channel) {
	}

	/**
	 * @param batchSize events each streaming processor handles in one unit of work: one
	 * token update, one event-store append for the commands its handlers send, one wait
	 * for Kafka's acknowledgements per batch (default {@value #DEFAULT_BATCH_SIZE}); a
	 * failure retries the whole batch, so every handler must be idempotent (they are)
	 */
	public record Processing(int batchSize) {

		public static final int DEFAULT_BATCH_SIZE = 100;

		public Processing {
			if (batchSize < 1) {
				throw new IllegalArgumentException("ticketloop.processing.batch-size must be at least 1");
			}
		}

	}

}
