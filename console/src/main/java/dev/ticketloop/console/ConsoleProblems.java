package dev.ticketloop.console;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The console's own refusals as RFC 9457 problem details, typed like the services' ones
 * ({@code https://ticketloop.dev/problems/<type>}); a service's problem passes through as
 * it came.
 */
@RestControllerAdvice
class ConsoleProblems {

	static final String TYPE_BASE = "https://ticketloop.dev/problems/";

	static ProblemDetail problem(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		return problem;
	}

	@ExceptionHandler(Refused.class)
	ProblemDetail refused(Refused ex) {
		return problem(ex.status, ex.type, ex.getMessage());
	}

	@ExceptionHandler(SignInThrottle.TooManyFailures.class)
	ResponseEntity<ProblemDetail> tooManyFailures(SignInThrottle.TooManyFailures ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
			.body(problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-ins", ex.getMessage()));
	}

	@ExceptionHandler(Upstreams.UpstreamUnavailable.class)
	ProblemDetail unavailable(Upstreams.UpstreamUnavailable ex) {
		return problem(HttpStatus.BAD_GATEWAY, "service-unavailable",
				ex.service() + "-service did not answer; try again in a moment.");
	}

	@ExceptionHandler(Upstreams.AdapterKey.class)
	ProblemDetail adapterKey() {
		return problem(HttpStatus.FORBIDDEN, "sign-in-refused",
				"A channel adapter's key cannot sign in to the console; sign in with your own key.");
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalid() {
		return problem(HttpStatus.BAD_REQUEST, "validation", "Send your key (at most 200 characters).");
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable() {
		return problem(HttpStatus.BAD_REQUEST, "malformed-request", "The request's body is not the JSON expected.");
	}

	/** A request the console refuses. */
	static final class Refused extends RuntimeException {

		private final HttpStatus status;

		private final String type;

		Refused(HttpStatus status, String type, String detail) {
			super(detail, null, false, false);
			this.status = status;
			this.type = type;
		}

	}

}
