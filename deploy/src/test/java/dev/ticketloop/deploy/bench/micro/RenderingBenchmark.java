package dev.ticketloop.deploy.bench.micro;

import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.ticketloop.notificationservice.content.NotificationRenderer;
import dev.ticketloop.notificationservice.content.NotificationRenderer.Rendered;
import dev.ticketloop.notificationservice.delivery.Content;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.Reason;
import dev.ticketloop.notificationservice.delivery.Recipient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Rendering one notification (subject, text and HTML body) from the shipped files, in the
 * customer's language and time zone: the acknowledgement with its due time. Baseline: the
 * same two Mustache layouts executed with every message replaced by its key, i.e. the
 * template engine alone, without the message lookup, the language fallback and the ICU
 * formatting of names, dates and plurals.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RenderingBenchmark {

	@Param({ "en-GB|Europe/London", "es-MX|America/Mexico_City", "zh-CN|Asia/Shanghai" })
	public String customer;

	private NotificationRenderer renderer;

	private NotificationRequested request;

	private Template text;

	private Template html;

	private Map<String, Object> model;

	@Setup
	public void setUp() {
		String[] parts = this.customer.split("\\|");
		this.renderer = new NotificationRenderer(new DefaultResourceLoader(), null);
		this.request = new NotificationRequested("T-4711:acknowledgement", "T-4711", Reason.ACKNOWLEDGEMENT,
				new Recipient("email", "ana@example.com", "Ana", parts[0], "cust-1", parts[1]),
				new Content("Export to CSV fails", Instant.parse("2026-11-24T09:30:00Z"), null),
				Instant.parse("2026-11-23T09:30:00Z"));
		Mustache.TemplateLoader partials = (name) -> template(name + ".mustache");
		this.text = Mustache.compiler()
			.escapeHTML(false)
			.defaultValue("")
			.withLoader(partials)
			.compile(template("acknowledgement.txt.mustache"));
		this.html = Mustache.compiler()
			.defaultValue("")
			.withLoader(partials)
			.compile(template("acknowledgement.html.mustache"));
		this.model = new HashMap<>();
		this.model.put("name", "Ana");
		this.model.put("subject", "Export to CSV fails");
		this.model.put("ticketId", "T-4711");
		this.model.put("dueAt", Instant.parse("2026-11-24T09:30:00Z"));
		this.model.put("language", parts[0].substring(0, 2));
		this.model.put("t", (Mustache.Lambda) (fragment, out) -> out.write(fragment.execute().trim()));
		// sanity: both render something, so neither benchmark measures an exception
		if (this.renderer.render(this.request, Map.of()).text().isBlank() || this.text.execute(this.model).isBlank()) {
			throw new IllegalStateException("nothing rendered");
		}
	}

	private static Reader template(String name) {
		var in = RenderingBenchmark.class.getResourceAsStream("/notifications/templates/" + name);
		if (in == null) {
			throw new UncheckedIOException(new java.io.FileNotFoundException(name));
		}
		try (in) {
			return new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Benchmark
	public String baselineMustacheLayoutsOnly() {
		return this.text.execute(this.model) + this.html.execute(this.model);
	}

	@Benchmark
	public Rendered renderNotification() {
		return this.renderer.render(this.request, Map.of());
	}

}
