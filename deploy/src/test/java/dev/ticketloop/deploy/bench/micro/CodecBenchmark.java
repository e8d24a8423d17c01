package dev.ticketloop.deploy.bench.micro;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published wire format: a {@code ticket.opened} CloudEvent written and read by the
 * codec every producer and consumer of the platform uses (structured-mode JSON, the type
 * looked up, the record validated against the envelope's and its type's JSON Schema, the
 * payload bound to its record). Baseline: the same payload record written and read by a
 * plain Jackson mapper, no envelope; and the schema validation alone (what the outbox
 * adds to each write, and what reading costs beyond parsing and binding).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

	private final CloudEventCodec codec = new CloudEventCodec();

	private final JsonMapper plain = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private CloudEvent event;

	private TicketOpenedV1 payload;

	private byte[] envelope;

	private byte[] payloadJson;

	@Setup
	public void setUp() {
		Instant opened = Instant.parse("2026-11-23T09:30:00Z");
		this.payload = new TicketOpenedV1("6f1c2a4b-5d6e-4b7e-9d7e-3f1c2a4b5d6e", "email", "cust-1", "ana@example.com",
				"Ana García", "es-ES", "La exportación a CSV falla",
				"Desde la última versión la exportación a CSV se detiene al 90 % con un error de tiempo de espera. "
						+ "Adjunto el registro. ¿Pueden ayudarnos? Es urgente para el cierre de mes.",
				opened, "Europe/Madrid", "vip");
		this.event = CloudEvent.of("0b5f6c1e-6f2a-4b7e-9d7e-3f1c2a4b5d6e", "/ticket-service", opened, this.payload);
		this.envelope = this.codec.write(this.event);
		this.payloadJson = this.plain.writeValueAsBytes(this.payload);
		if (!this.codec.read(this.envelope).orElseThrow().data().equals(this.payload)) {
			throw new IllegalStateException("the codec does not round-trip");
		}
	}

	@Benchmark
	public byte[] baselineJacksonWritePayload() {
		return this.plain.writeValueAsBytes(this.payload);
	}

	@Benchmark
	public TicketOpenedV1 baselineJacksonReadPayload() {
		return this.plain.readValue(this.payloadJson, TicketOpenedV1.class);
	}

	@Benchmark
	public byte[] codecWriteEnvelope() {
		return this.codec.write(this.event);
	}

	@Benchmark
	public java.util.List<String> codecValidateEnvelope() {
		return this.codec.violations(this.envelope);
	}

	@Benchmark
	public CloudEvent codecReadEnvelope() {
		return this.codec.read(this.envelope).orElseThrow();
	}

}
