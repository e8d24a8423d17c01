package dev.ticketloop.platform.tracing;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C trace context that travels with a ticket: from the REST call (or one begun
 * there) into the metadata of every command and event it causes, onto every published
 * record (the CloudEvents {@code traceparent} extension) and from a consumed record into
 * the commands it causes, to the mail or webhook at the end. Parsing and formatting are
 * OpenTelemetry's; with no SDK installed the context travels unchanged (one trace, the
 * caller's span as parent everywhere).
 */
public final class TraceContext {

	/** The metadata key, record header and HTTP header. */
	public static final String TRACEPARENT = "traceparent";

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private static final TextMapGetter<String> FROM_HEADER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(String carrier) {
			return java.util.List.of(TRACEPARENT);
		}

		@Override
		public String get(String carrier, String key) {
			return TRACEPARENT.equals(key) ? carrier : null;
		}

	};

	private TraceContext() {
	}

	/**
	 * @return the traceparent if this is a valid one, else empty (a malformed header
	 * begins a new trace rather than failing the call)
	 */
	public static Optional<String> parse(String traceparent) {
		if (traceparent == null || traceparent.isBlank()) {
			return Optional.empty();
		}
		SpanContext context = Span
			.fromContext(W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, FROM_HEADER))
			.getSpanContext();
		return context.isValid() ? Optional.of(format(context)) : Optional.empty();
	}

	/** A new trace, begun here (sampled). */
	public static String begin() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		String traceId = TraceId.fromLongs(random.nextLong(), random.nextLong() | 1);
		String spanId = SpanId.fromLong(random.nextLong() | 1);
		return format(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()));
	}

	/** The trace id of a traceparent. */
	public static String traceId(String traceparent) {
		return traceparent.substring(3, 35);
	}

	/** The traceparent in a message's metadata. */
	public static Optional<String> of(Map<String, ?> metadata) {
		Object value = metadata.get(TRACEPARENT);
		return (value instanceof String traceparent) ? parse(traceparent) : Optional.empty();
	}

	/** The trace the current thread works in, if any. */
	public static Optional<String> current() {
		return Optional.ofNullable(CURRENT.get());
	}

	/** Runs work in a trace (none: as it is); the previous one is restored after. */
	public static <T> T within(String traceparent, Supplier<T> work) {
		if (traceparent == null) {
			return work.get();
		}
		String previous = CURRENT.get();
		CURRENT.set(traceparent);
		try {
			return work.get();
		}
		finally {
			restore(previous);
		}
	}

	/** As {@link #within(String, Supplier)} for work that may throw. */
	public static <T> T withChecked(String traceparent, java.util.concurrent.Callable<T> work) throws Exception {
		String previous = CURRENT.get();
		if (traceparent != null) {
			CURRENT.set(traceparent);
		}
		try {
			return work.call();
		}
		finally {
			restore(previous);
		}
	}

	/** As {@link #within(String, Supplier)} for work without a result. */
	public static void run(String traceparent, Runnable work) {
		within(traceparent, () -> {
			work.run();
			return null;
		});
	}

	static void set(String traceparent) {
		CURRENT.set(traceparent);
	}

	static void restore(String previous) {
		if (previous == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(previous);
		}
	}

	private static String format(SpanContext context) {
		return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
	}

}
