package dev.ticketloop.notificationservice.webhook;

import dev.ticketloop.platform.tracing.TraceContext;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ticketloop.notificationservice.content.NotificationRenderer;
import dev.ticketloop.notificationservice.content.NotificationRenderer.Rendered;
import dev.ticketloop.notificationservice.delivery.ChannelSender;
import dev.ticketloop.notificationservice.delivery.DeliveryOutcome;
import dev.ticketloop.notificationservice.delivery.DeliveryOutcome.Failed;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.Recipient;
import dev.ticketloop.notificationservice.survey.SurveyLinks;
import dev.ticketloop.notificationservice.webhook.CallbackAddressGuard.BlockedAddressException;
import dev.ticketloop.notificationservice.webhook.WebhookEndpoints.Endpoint;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Notifications for customers of chat, app and social channels: a JSON POST to the
 * callback their channel's adapter registered, signed with the adapter's secret(s) (see
 * {@link WebhookSignature}), carrying the rendered subject, text and HTML in the
 * customer's language. The delivery id ({@code Ticketloop-Delivery}, also the body's
 * {@code id}) is the same on every attempt: adapters deduplicate on it. 2xx is delivered;
 * 408, 429, 5xx, timeouts and unreachable adapters are passing failures (retried); other
 * 4xx, redirects (never followed) and callbacks that resolve to non-public addresses are
 * permanent. No adapter registered for the channel yet is a passing failure: it may
 * register before the retries run out.
 */
@Component
class WebhookSender implements ChannelSender, DisposableBean {

	static final String DELIVERY_HEADER = "Ticketloop-Delivery";

	private final WebhookEndpoints endpoints;

	private final NotificationRenderer renderer;

	private final SurveyLinks surveys;

	private final Clock clock;

	private final CloseableHttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	WebhookSender(WebhookEndpoints endpoints, NotificationRenderer renderer, SurveyLinks surveys, Clock clock,
			WebhookSettings settings, CallbackAddressGuard guard) {
		this.endpoints = endpoints;
		this.renderer = renderer;
		this.surveys = surveys;
		this.clock = clock;
		this.http = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(guard)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(settings.connectTimeout()))
					.setSocketTimeout(Timeout.of(settings.responseTimeout()))
					.build())
				.setMaxConnTotal(64)
				.setMaxConnPerRoute(16)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(Timeout.of(settings.responseTimeout()))
				.setRedirectsEnabled(false)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.setUserAgent("ticketloop-notification-service/1")
			.build();
	}

	/** The message an adapter receives. */
	record WebhookMessage(String id, String type, String ticketId, String reason, String channel, String customerRef,
			String locale, String language, String subject, String text, String html, String surveyUrl) {
	}

	@Override
	public boolean reaches(Recipient recipient) {
		return !recipient.byEmail();
	}

	@Override
	public DeliveryOutcome send(NotificationRequested request, int attempt) {
		String channel = request.recipient().channel();
		Optional<Endpoint> endpoint = this.endpoints.find(channel);
		if (endpoint.isEmpty()) {
			return Failed.passing("no callback registered for the " + channel + " adapter");
		}
		Map<String, Object> extras = this.surveys.argumentsFor(request);
		Rendered rendered = this.renderer.render(request, extras);
		byte[] body = this.json.writeValueAsBytes(new WebhookMessage(request.notificationId(),
				"dev.ticketloop.notification.v1", request.ticketId(), request.reason().wireName(), channel,
				request.recipient().customerRef(), request.recipient().locale(), rendered.language(),
				rendered.subject(), rendered.text(), rendered.html(), (String) extras.get("surveyUrl")));
		Instant now = this.clock.instant();
		List<String> secrets = endpoint.get().signingSecrets(now).stream().map(WebhookEndpoints.Secret::value).toList();
		HttpPost post = new HttpPost(endpoint.get().url());
		post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
		post.setHeader(WebhookSignature.HEADER, WebhookSignature.header(now, body, secrets));
		post.setHeader(DELIVERY_HEADER, request.notificationId());
		post.setHeader("Ticketloop-Attempt", Integer.toString(attempt));
		TraceContext.current().ifPresent((traceparent) -> post.setHeader(TraceContext.TRACEPARENT, traceparent));
		try {
			return this.http.execute(post, (response) -> {
				EntityUtils.consume(response.getEntity());
				return outcome(response.getCode(), response.getReasonPhrase(), request.notificationId());
			});
		}
		catch (BlockedAddressException ex) {
			return Failed.permanent("callback refused: " + ex.getMessage());
		}
		catch (UnknownHostException ex) {
			return Failed.passing("callback host not found: " + ex.getMessage());
		}
		catch (IOException ex) {
			return Failed.passing("callback not reachable: " + ex);
		}
	}

	private DeliveryOutcome outcome(int status, String reason, String deliveryId) {
		String detail = "HTTP " + status + ((reason != null && !reason.isBlank()) ? " " + reason : "")
				+ " from the adapter's callback";
		if (status >= 200 && status < 300) {
			return new DeliveryOutcome.Delivered(deliveryId, this.clock.instant());
		}
		if (status == 408 || status == 429 || status >= 500) {
			return Failed.passing(detail);
		}
		if (status >= 300 && status < 400) {
			return Failed.permanent(detail + " (redirects are not followed)");
		}
		return Failed.permanent(detail);
	}

	@Override
	public void destroy() throws IOException {
		this.http.close();
	}

}
