package dev.ticketloop.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ticketloop.platform.axon.BatchEnd;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * The outbox: a streaming processor reads this service's event store and sends the
 * published form of each event to Kafka (keyed by ticket id, CloudEvents envelope whose
 * id is the event's id). Sends of a batch go out asynchronously and are awaited before
 * the batch's unit of work commits, and the processor stores its token when that unit of
 * work commits; so the token only moves past events Kafka has acknowledged (acks=all,
 * idempotent producer). A failure rolls the batch back and the processor retries it:
 * at-least-once, never lost; consumers deduplicate on the CloudEvents id.
 */
@ProcessingGroup(KafkaOutboxPublisher.PROCESSING_GROUP)
public class KafkaOutboxPublisher {

	public static final String PROCESSING_GROUP = "kafka-outbox";

	private static final String PENDING = KafkaOutboxPublisher.class.getName() + ".pending";

	private final PublishedRecords records;

	private final KafkaTemplate<String, byte[]> kafka;

	public KafkaOutboxPublisher(PublishedRecords records, KafkaTemplate<String, byte[]> kafka) {
		this.records = records;
		this.kafka = kafka;
	}

	@EventHandler
	@DisallowReplay
	void on(Object domainEvent, EventMessage<?> message) throws Exception {
		this.records.of(message, null).ifPresent((record) -> pending().add(this.kafka.send(record)));
		if (BatchEnd.isLastOfBatch()) {
			awaitAcknowledgements();
		}
	}

	/**
	 * The sends of the current batch; event processors always handle events in a unit of
	 * work.
	 */
	private static List<CompletableFuture<SendResult<String, byte[]>>> pending() {
		return CurrentUnitOfWork.get().root().getOrComputeResource(PENDING, (key) -> new ArrayList<>());
	}

	private void awaitAcknowledgements() throws InterruptedException, ExecutionException, TimeoutException {
		List<CompletableFuture<SendResult<String, byte[]>>> pending = pending();
		this.kafka.flush();
		try {
			CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		finally {
			pending.clear();
		}
	}

}
