package dev.ticketloop.routingservice.queue;

import java.time.Duration;
import java.util.List;

import dev.ticketloop.platform.web.ChangeStreams;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes queues to their subscribers (server-sent events, {@link ChangeStreams}): each
 * subscription gets its team's queue at once and again whenever it changed (tickets in or
 * out, order, bands as time passes, suggestions), checked every
 * {@code ticketloop.queues.push-interval}; subscriptions to the same queue share one read
 * per check. Bounded by {@code ticketloop.queues.stream-timeout},
 * {@code max-streams-per-key} and {@code max-streams}.
 */
@Component
class QueueBroadcaster implements SmartLifecycle {

	private final Queues queues;

	private final ChangeStreams streams;

	QueueBroadcaster(Queues queues, @Value("${ticketloop.queues.push-interval:1s}") Duration interval,
			@Value("${ticketloop.queues.stream-timeout:30m}") Duration timeout,
			@Value("${ticketloop.queues.max-streams-per-key:4}") int maxPerKey,
			@Value("${ticketloop.queues.max-streams:500}") int max) {
		this.queues = queues;
		this.streams = new ChangeStreams("queue", interval, timeout, maxPerKey, max);
	}

	/**
	 * @param subscriber who subscribes (the API key's name)
	 * @throws ChangeStreams.TooManyStreamsException when the subscriber or the instance
	 * has as many streams as allowed
	 */
	SseEmitter subscribe(String team, Queues.Status status, int limit, String subscriber) {
		return this.streams.open(subscriber,
				new ChangeStreams.Source<>(team + "|" + status + "|" + limit,
						() -> this.queues.queue(team, status, limit), QueueBroadcaster::fingerprint, "queue",
						(items) -> new QueueController.QueuePage(team, items)));
	}

	/** What a subscriber sees change. */
	private static String fingerprint(List<QueueItem> items) {
		StringBuilder key = new StringBuilder();
		for (QueueItem i : items) {
			key.append(i.ticketId())
				.append(':')
				.append(i.band())
				.append(':')
				.append(i.status())
				.append(':')
				.append(i.assignee())
				.append(':')
				.append(i.priority())
				.append(':')
				.append(i.waitingFor())
				.append(':')
				.append(i.suggestions())
				.append(';');
		}
		return key.toString();
	}

	@Override
	public void start() {
		this.streams.start();
	}

	@Override
	public void stop() {
		this.streams.stop();
	}

	@Override
	public boolean isRunning() {
		return this.streams.isRunning();
	}

}
