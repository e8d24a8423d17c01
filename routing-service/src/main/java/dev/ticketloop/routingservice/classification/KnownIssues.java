package dev.ticketloop.routingservice.classification;

import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.engineering.IssueFixDeclinedV1;
import dev.ticketloop.contracts.engineering.IssueFixScheduledV1;
import dev.ticketloop.contracts.engineering.IssueReleasedV1;
import dev.ticketloop.contracts.engineering.IssueReportedV1;
import dev.ticketloop.routingservice.template.ReleaseDrafts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The engineering issues every instance knows, to match tickets against: each instance
 * reads {@code ticketloop.engineering.issues.v1} from its start (its {@code TopicReader}
 * in {@code ClassificationConfiguration}) (no consumer group: its index is its own, in
 * memory) and keeps reading; reported issues join the index, released or declined ones
 * stay in it as settled (suggested, never linked to automatically). A fix scheduled
 * drafts the issue's release template.
 */
@Component
class KnownIssues {

	private static final Logger log = LoggerFactory.getLogger(KnownIssues.class);

	private final Suggester suggester;

	private final ReleaseDrafts releaseDrafts;

	private final CloudEventCodec codec;

	KnownIssues(Suggester suggester, ReleaseDrafts releaseDrafts, CloudEventCodec codec) {
		this.suggester = suggester;
		this.releaseDrafts = releaseDrafts;
		this.codec = codec;
	}

	void on(ConsumerRecord<String, byte[]> record) {
		try {
			this.codec.read(record.value()).ifPresent((event) -> {
				switch (event.data()) {
					case IssueReportedV1 reported ->
						this.suggester.knownIssue(reported.issueKey(), reported.title(), reported.description(), true);
					case IssueFixScheduledV1 scheduled -> this.releaseDrafts.fixScheduled(scheduled.issueKey(),
							this.suggester.knownIssueTitle(scheduled.issueKey()).orElse(null),
							scheduled.targetVersion(), scheduled.scheduledAt());
					case IssueReleasedV1 released -> this.suggester.issueSettled(released.issueKey());
					case IssueFixDeclinedV1 declined -> this.suggester.issueSettled(declined.issueKey());
					default -> {
						// progress that does not change what matches
					}
				}
			});
		}
		catch (CloudEventCodec.MalformedEventException ex) {
			log.warn("Skipped a malformed record on {}: {}", record.topic(), ex.getMessage());
		}
	}

}
