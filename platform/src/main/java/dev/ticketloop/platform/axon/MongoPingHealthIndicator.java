package dev.ticketloop.platform.axon;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * MongoDB health by {@code ping}, which real MongoDB and the embedded stand-in both
 * answer (Spring Boot's own indicator sends {@code hello}, which the stand-in does not
 * know).
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

	private final MongoDatabase database;

	public MongoPingHealthIndicator(MongoDatabase database) {
		super("MongoDB health check failed");
		this.database = database;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		this.database.runCommand(new Document("ping", 1));
		builder.up().withDetail("database", this.database.getName());
	}

}
