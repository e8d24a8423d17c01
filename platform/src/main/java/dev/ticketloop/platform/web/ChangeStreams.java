package dev.ticketloop.platform.web;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events that follow a read model: each stream gets its state at once and
 * again whenever it changed, checked every {@code interval} against the shared read model
 * (so a subscriber of any instance sees every instance's work; streams of the same key
 * share one read per check), and a comment every 15 seconds keeps idle connections open
 * and finds those whose client went away. Bounded: a stream ends after {@code timeout}
 * (an {@code EventSource} reconnects by itself), an API key holds at most
 * {@code maxPerKey} streams, the instance at most {@code max}; beyond that a stream is
 * refused with {@link TooManyStreamsException} (429), after the key's streams whose
 * client went away were found and freed.
 */
public final class ChangeStreams implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChangeStreams.class);

	private static final Duration HEARTBEAT = Duration.ofSeconds(15);

	private static final Duration PROBE_PAUSE = Duration.ofMillis(100);

	private final String name;

	private final Duration interval;

	private final Duration timeout;

	private final int maxPerKey;

	private final int max;

	private final List<Stream<?>> streams = new CopyOnWriteArrayList<>();

	private ScheduledExecutorService scheduler;

	private long ticks;

	/**
	 * @param name what the streams follow, in the refusals and the checking thread's name
	 * ({@code queue}, {@code ticket})
	 */
	public ChangeStreams(String name, Duration interval, Duration timeout, int maxPerKey, int max) {
		this.name = name;
		this.interval = interval;
		this.timeout = timeout;
		this.maxPerKey = maxPerKey;
		this.max = max;
	}

	/**
	 * What one stream follows.
	 *
	 * @param <T> what is read
	 * @param key streams with the same key share a read per check
	 * @param read the state now; null when there is none (nothing is sent)
	 * @param version what tells a change: an event is sent when it differs from the last
	 * one sent
	 * @param event the SSE event's name
	 * @param data the event's data (JSON)
	 */
	public record Source<T>(String key, Supplier<T> read, Function<T, Object> version, String event,
			Function<T, Object> data) {
	}

	/**
	 * Opens a stream for a subscriber (the API key's name); its first event is the state
	 * now.
	 * @throws TooManyStreamsException when the key or the instance holds as many streams
	 * as allowed
	 */
	public <T> SseEmitter open(String subscriber, Source<T> source) {
		if (streamsOf(subscriber) >= this.maxPerKey) {
			dropGone(subscriber);
		}
		SseEmitter emitter = new SseEmitter(this.timeout.toMillis());
		Stream<T> stream = new Stream<>(source, subscriber, emitter);
		synchronized (this.streams) {
			if (this.streams.size() >= this.max) {
				throw new TooManyStreamsException(
						"This instance serves " + this.max + " " + this.name + " streams already; try again later.");
			}
			if (streamsOf(subscriber) >= this.maxPerKey) {
				throw new TooManyStreamsException("This API key has " + this.maxPerKey + " " + this.name
						+ " stream(s) open already; close one (or wait for it to time out) first.");
			}
			this.streams.add(stream);
		}
		emitter.onCompletion(() -> this.streams.remove(stream));
		emitter.onTimeout(() -> {
			this.streams.remove(stream);
			emitter.complete();
		});
		emitter.onError((ex) -> this.streams.remove(stream));
		push(stream, new HashMap<>());
		return emitter;
	}

	private long streamsOf(String subscriber) {
		return this.streams.stream().filter((s) -> s.subscriber.equals(subscriber)).count();
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
			for (Stream<?> stream : this.streams) {
				if (stream.subscriber.equals(subscriber)) {
					comment(stream, "are you there");
				}
			}
		}
	}

	private void tick() {
		this.ticks++;
		boolean heartbeat = this.ticks % Math.max(1, HEARTBEAT.toMillis() / this.interval.toMillis()) == 0;
		Map<String, Object> read = new HashMap<>();
		for (Stream<?> stream : this.streams) {
			if (!push(stream, read) && heartbeat) {
				comment(stream, "keep-alive");
			}
		}
	}

	/**
	 * Sends the stream's state if it changed since the last event.
	 * @param read what was read in this check, by key
	 * @return whether an event was sent
	 */
	private <T> boolean push(Stream<T> stream, Map<String, Object> read) {
		Source<T> source = stream.source;
		// one push of a stream at a time: the request's first and a check's must not both
		// send the same state
		synchronized (stream) {
			return send(stream, source, read);
		}
	}

	private <T> boolean send(Stream<T> stream, Source<T> source, Map<String, Object> read) {
		try {
			@SuppressWarnings("unchecked")
			T state = (T) read.computeIfAbsent(source.key(), (k) -> source.read().get());
			if (state == null) {
				return false;
			}
			Object version = source.version().apply(state);
			if (stream.sent && Objects.equals(version, stream.last)) {
				return false;
			}
			stream.emitter.send(SseEmitter.event()
				.name(source.event())
				.data(source.data().apply(state), MediaType.APPLICATION_JSON));
			stream.last = version;
			stream.sent = true;
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			this.streams.remove(stream);
			return false;
		}
		catch (RuntimeException ex) {
			log.warn("Pushing a {} stream failed: {}", this.name, ex.toString());
			return false;
		}
	}

	private void comment(Stream<?> stream, String comment) {
		try {
			stream.emitter.send(SseEmitter.event().comment(comment));
		}
		catch (IOException | IllegalStateException ex) {
			this.streams.remove(stream);
		}
	}

	@Override
	public void start() {
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(this.name + "-streams").daemon().factory());
		this.scheduler.scheduleWithFixedDelay(this::tick, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		this.streams.forEach((s) -> s.emitter.complete());
		this.streams.clear();
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * Refused: as many streams as allowed are open (429, {@link ProblemDetailsAdvice}).
	 */
	public static class TooManyStreamsException extends RuntimeException {

		public TooManyStreamsException(String message) {
			super(message);
		}

	}

	private static final class Stream<T> {

		private final Source<T> source;

		private final String subscriber;

		private final SseEmitter emitter;

		private volatile Object last;

		private volatile boolean sent;

		Stream(Source<T> source, String subscriber, SseEmitter emitter) {
			this.source = source;
			this.subscriber = subscriber;
			this.emitter = emitter;
		}

	}

}
