package dev.ticketloop.notificationservice.webhook;

import dev.ticketloop.notificationservice.webhook.CallbackAddressGuard.RefusedCallbackException;
import dev.ticketloop.notificationservice.webhook.WebhookController.NoWebhookException;
import dev.ticketloop.platform.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Callback refusals as problem+json: 422 for a URL that cannot be a callback, 404 for a
 * channel without one.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookProblems {

	@ExceptionHandler(RefusedCallbackException.class)
	ResponseEntity<ProblemDetail> refused(RefusedCallbackException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "refused-callback", ex.getMessage());
	}

	@ExceptionHandler(NoWebhookException.class)
	ResponseEntity<ProblemDetail> none(NoWebhookException ex) {
		return problem(HttpStatus.NOT_FOUND, "no-webhook", ex.getMessage());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
		return ResponseEntity.status(status).body(Problems.of(status, type, detail));
	}

}
