package dev.ticketloop.routingservice.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
 * any instance sees every instance's work.
 */
@Component
class QueueBroadcaster implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(QueueBroadcaster.class);

	private final Queues queues;

	private final Duration interval;

	private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

	private ScheduledExecutorService scheduler;

	private long ticks;

	QueueBroadcaster(Queues queues, @Value("${ticketloop.queues.push-interval:1s}") Duration interval) {
		this.queues = queues;
		this.interval = interval;
	}

	SseEmitter subscribe(String team, Queues.Status status, int limit) {
		SseEmitter emitter = new SseEmitter(0L);
		Subscription subscription = new Subscription(team, status, limit, emitter);
		this.subscriptions.add(subscription);
		emitter.onCompletion(() -> this.subscriptions.remove(subscription));
		emitter.onTimeout(() -> this.subscriptions.remove(subscription));
		emitter.onError((ex) -> this.subscriptions.remove(subscription));
		push(subscription, true);
		return emitter;
	}

	private void tick() {
		this.ticks++;
		boolean heartbeat = this.ticks % Math.max(1, 15_000 / this.interval.toMillis()) == 0;
		for (Subscription subscription : this.subscriptions) {
			push(subscription, false);
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

	private void push(Subscription subscription, boolean always) {
		try {
			List<QueueItem> items = this.queues.queue(subscription.team(), subscription.status(), subscription.limit());
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

		private volatile String last = "";

		Subscription(String team, Queues.Status status, int limit, SseEmitter emitter) {
			this.team = team;
			this.status = status;
			this.limit = limit;
			this.emitter = emitter;
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
