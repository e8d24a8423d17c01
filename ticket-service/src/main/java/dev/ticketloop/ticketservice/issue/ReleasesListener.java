package dev.ticketloop.ticketservice.issue;

import dev.ticketloop.platform.tracing.TraceContext;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.engineering.ReleasePublishedV1;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Releases published by engineering's CI on {@value Topics#ENGINEERING_RELEASES}. At
 * least once, like every topic; a release delivered twice changes nothing the second
 * time. A record that is not a CloudEvent or breaks its schema goes to the topic's
 * dead-letter topic and the next one is read.
 */
@Component
class ReleasesListener {

	private static final Logger log = LoggerFactory.getLogger(ReleasesListener.class);

	private final CloudEventCodec codec;

	private final Releases releases;

	ReleasesListener(CloudEventCodec codec, Releases releases) {
		this.codec = codec;
		this.releases = releases;
	}

	@KafkaListener(topics = Topics.ENGINEERING_RELEASES)
	void on(ConsumerRecord<String, byte[]> record) {
		this.codec.read(record.value()).ifPresent((event) -> {
			if (event.data() instanceof ReleasePublishedV1 release) {
				Releases.Outcome outcome = TraceContext.within(event.traceparent(),
						() -> this.releases.apply(new Releases.Release(release.releaseId(), release.version(),
								release.fixedIssues(), "topic:" + Topics.ENGINEERING_RELEASES)));
				log.info("Release {} ({}) from the releases topic: {}", release.version(), release.releaseId(),
						outcome.issues());
			}
		});
	}

}
