package dev.ticketloop.routingservice.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes queues to their subscribers (server-sent events): each subscription gets its
 * team's queue at once and again whenever it changed (tickets in or out, order, bands as
 * time passes), checked every {@code ticketloop.queues.push-interval}; a comment every 15
 * seconds keeps idle connections open. Reads the shared read model, so a subscriber of
 * any instance sees every instance's work; subscriptions to the same queue share one read
 * per check. Bounded: a stream ends after {@code ticketloop.queues.stream-timeout} (an
 * {@code EventSource} reconnects by itself), an API key holds at most
 * {@code ticketloop.queues.max-streams-per-key} streams, the instance at most
 * {@code ticketloop.queues.max-streams}; beyond that a subscription is refused (429).
 */
@Component
class QueueBroadcaster implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(QueueBroadcaster.class);

	private static final Duration PROBE_PAUSE = Duration.ofMillis(100);

	private final Queues queues;

	private final Duration interval;

	private final Duration timeout;

	private final int maxPerKey;

	private final int max;

	private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

	private ScheduledExecutorService scheduler;

	private long ticks;

	QueueBroadcaster(Queues queues, @Value("${ticketloop.queues.push-interval:1s}") Duration interval,
			@Value("${ticketloop.queues.stream-timeout:30m}") Duration timeout,
			@Value("${ticketloop.queues.max-streams-per-key:4}") int maxPerKey,
			@Value("${ticketloop.queues.max-streams:500}") int max) {
		this.queues = queues;
		this.interval = interval;
		this.timeout = timeout;
		this.maxPerKey = maxPerKey;
		this.max = max;
	}

	/**
	 * @param subscriber who subscribes (the API key's name)
	 * @throws TooManyStreamsException when the subscriber or the instance has as many
	 * streams as allowed
	 */
	SseEmitter subscribe(String team, Queues.Status status, int limit, String subscriber) {
		if (streamsOf(subscriber) >= this.maxPerKey) {
			dropGone(subscriber);
		}
		SseEmitter emitter = new SseEmitter(this.timeout.toMillis());
		Subscription subscription = new Subscription(team, status, limit, emitter, subscriber);
		synchronized (this.subscriptions) {
			if (this.subscriptions.size() >= this.max) {
				throw new TooManyStreamsException(
						"This instance serves " + this.max + " queue streams already; try again later.");
			}
			if (this.subscriptions.stream()
				.filter((s) -> s.subscriber().equals(subscriber))
				.count() >= this.maxPerKey) {
				throw new TooManyStreamsException("This API key has " + this.maxPerKey
						+ " queue stream(s) open already; close one (or wait for it to time out) first.");
			}
			this.subscriptions.add(subscription);
		}
		emitter.onCompletion(() -> this.subscriptions.remove(subscription));
		emitter.onTimeout(() -> {
			this.subscriptions.remove(subscription);
			emitter.complete();
		});
		emitter.onError((ex) -> this.subscriptions.remove(subscription));
		push(subscription, true, new HashMap<>());
		return emitter;
	}

	private long streamsOf(String subscriber) {
		return this.subscriptions.stream().filter((s) -> s.subscriber().equals(subscriber)).count();
	}

	/**
	 * Frees the slots of the subscriber's streams whose client went away. Nothing tells
	 * the server that a client closed an idle stream until it writes to it: the first
	 * write after the close is still accepted (the client's system then resets the
	 * connection), the next one fails. So each stream gets a comment, twice, a moment
	 * apart.
	 */
	private void dropGone(String subscriber) {
		for (int round = 0; round < 2 && streamsOf(subscriber) >= this.maxPerKey; round++) {
			if (round > 0) {
				try {
					Thread.sleep(PROBE_PAUSE.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			for (Subscription subscription : this.subscriptions) {
				if (subscription.subscriber().equals(subscriber)) {
					try {
						subscription.emitter().send(SseEmitter.event().comment("are you there"));
					}
					catch (IOException | IllegalStateException ex) {
						this.subscriptions.remove(subscription);
					}
				}
			}
		}
	}

	/** Refused: as many streams as allowed are open (429). */
	static class TooManyStreamsException extends RuntimeException {

		TooManyStreamsException(String message) {
			super(message);
		}

	}

	private void tick() {
		this.ticks++;
		boolean heartbeat = this.ticks % Math.max(1, 15_000 / this.interval.toMillis()) == 0;
		Map<String, List<QueueItem>> read = new HashMap<>();
		for (Subscription subscription : this.subscriptions) {
			push(subscription, false, read);
			if (heartbeat) {
				try {
					subscription.emitter().send(SseEmitter.event().comment("keep-alive"));
				}
				catch (IOException | IllegalStateException ex) {
					this.subscriptions.remove(subscription);
				}
			}
		}
	}

	private void push(Subscription subscription, boolean always, Map<String, List<QueueItem>> read) {
		try {
			List<QueueItem> items = read.computeIfAbsent(
					subscription.team() + "|" + subscription.status() + "|" + subscription.limit(),
					(k) -> this.queues.queue(subscription.team(), subscription.status(), subscription.limit()));
			String fingerprint = fingerprint(items);
			if (always || !fingerprint.equals(subscription.last)) {
				subscription.last = fingerprint;
				subscription.emitter()
					.send(SseEmitter.event()
						.name("queue")
						.data(new QueueController.QueuePage(subscription.team(), items), MediaType.APPLICATION_JSON));
			}
		}
		catch (IOException | IllegalStateException ex) {
			this.subscriptions.remove(subscription);
		}
		catch (RuntimeException ex) {
			log.warn("Pushing the queue of {} failed: {}", subscription.team(), ex.toString());
		}
	}

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
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("queue-broadcaster").daemon().factory());
		this.scheduler.scheduleWithFixedDelay(this::tick, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		this.subscriptions.forEach((s) -> s.emitter().complete());
		this.subscriptions.clear();
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private static final class Subscription {

		private final String team;

		private final Queues.Status status;

		private final int limit;

		private final SseEmitter emitter;

		private final String subscriber;

		private volatile String last = "";

		Subscription(String team, Queues.Status status, int limit, SseEmitter emitter, String subscriber) {
			this.team = team;
			this.status = status;
			this.limit = limit;
			this.emitter = emitter;
			this.subscriber = subscriber;
		}

		String subscriber() {
			return this.subscriber;
		}

		String team() {
			return this.team;
		}

		Queues.Status status() {
			return this.status;
		}

		int limit() {
			return this.limit;
		}

		SseEmitter emitter() {
			return this.emitter;
		}

	}

}
