package dev.ticketloop.platform.kafka;

import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Handles a batch of consumed records whose handling sends commands: all of them in one
 * unit of work first, so the events of all their aggregates are stored in one append
 * (instead of one per record). If that fails (a concurrent change of one aggregate, a
 * record that can never succeed), the batch is handled again record by record, each in
 * its own unit of work, and the first record that still fails is reported to the
 * container's error handler, which retries or skips it like a single record (the records
 * before it are committed, the ones after it are delivered again). Handlers must be
 * idempotent, as every consumer here is.
 */
public final class RecordBatches {

	private static final Logger log = LoggerFactory.getLogger(RecordBatches.class);

	private RecordBatches() {
	}

	public static <K, V> void handleTogether(List<ConsumerRecord<K, V>> records,
			Consumer<ConsumerRecord<K, V>> handler) {
		handleAsBatch(records, (batch) -> batch.forEach(handler));
	}

	/**
	 * As {@link #handleTogether}, for a handler that looks at the batch's records
	 * together first (to ask the store about all the aggregates they create in one
	 * query); when the batch is handled again record by record, it is given lists of one.
	 */
	public static <K, V> void handleAsBatch(List<ConsumerRecord<K, V>> records,
			Consumer<List<ConsumerRecord<K, V>>> handler) {
		if (records.isEmpty()) {
			return;
		}
		try {
			inOneUnitOfWork(records, handler);
			return;
		}
		catch (RuntimeException ex) {
			log.debug("A batch of {} records failed together, handling them one by one: {}", records.size(),
					ex.toString());
		}
		for (int i = 0; i < records.size(); i++) {
			try {
				inOneUnitOfWork(List.of(records.get(i)), handler);
			}
			catch (RuntimeException ex) {
				throw new BatchListenerFailedException("Handling " + records.get(i) + " failed", ex, i);
			}
		}
	}

	private static <K, V> void inOneUnitOfWork(List<ConsumerRecord<K, V>> records,
			Consumer<List<ConsumerRecord<K, V>>> handler) {
		DefaultUnitOfWork.startAndGet(new GenericMessage<>(records.size())).execute(() -> handler.accept(records));
	}

}
