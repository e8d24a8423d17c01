package dev.ticketloop.platform.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/** Test helpers around the engine. */
public final class Engines {

	private Engines() {
	}

	public static MongoEventStorageEngine engine(MongoDatabase database, Duration gapTimeout) {
		return engine(database, gapTimeout, NoOpEventUpcaster.INSTANCE, Clock.systemUTC());
	}

	static MongoEventStorageEngine engine(MongoDatabase database, Duration gapTimeout, EventUpcaster upcaster,
			Clock clock) {
		Jackson3Serializer serializer = Jackson3Serializer.builder()
			.jsonMapperBuilderCustomizer((b) -> b.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
				.allowIfSubType("org.axonframework.")
				.allowIfSubType("dev.ticketloop.")
				.build()))
			.build();
		return MongoEventStorageEngine.builder()
			.database(database)
			.eventSerializer(serializer)
			.snapshotSerializer(serializer)
			.gapTimeout(gapTimeout)
			.upcasterChain(upcaster)
			.clock(clock)
			.batchSize(100)
			.build();
	}

	/** An event of the torture test: who wrote it, where. */
	public record Written(String aggregate, long sequence, String writer) {
	}

	public static List<DomainEventMessage<?>> events(String aggregate, long firstSequence, int count, String writer) {
		List<DomainEventMessage<?>> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			events.add(new GenericDomainEventMessage<>("Torture", aggregate, firstSequence + i,
					new Written(aggregate, firstSequence + i, writer)));
		}
		return events;
	}

	/** Reads what is available after the token, without blocking. */
	static List<TrackedEventMessage<?>> readAfter(MongoEventStorageEngine engine, TrackingToken token) {
		try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
			return new ArrayList<>(stream.toList());
		}
	}

	static Instant now() {
		return Instant.now();
	}

}
