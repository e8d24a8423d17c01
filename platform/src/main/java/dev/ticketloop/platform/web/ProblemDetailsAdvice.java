package dev.ticketloop.platform.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ticketloop.platform.web.RequestSizeLimitFilter.PayloadTooLargeException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error leaves as RFC 9457 problem+json with a message a client developer can act
 * on, never a stack trace or a framework's internals.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.sorted(Comparator.comparing(FieldError::getField))
			.toList();
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
				errors.stream()
					.map((e) -> e.getField() + ": " + e.getDefaultMessage())
					.collect(Collectors.joining("; ")));
		problem.setProperty("errors",
				errors.stream()
					.map((e) -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
					.toList());
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
					.body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.getMessage()));
			}
		}
		String where = "";
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson && jackson.getLocation() != null) {
				where = " (at line " + jackson.getLocation().getLineNr() + ", column "
						+ jackson.getLocation().getColumnNr() + ")";
				break;
			}
		}
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
					"The request body is not valid JSON of the expected shape" + where + "."));
	}

	/**
	 * Spring's own answers (no such path, a method the path does not allow, a value that
	 * does not convert, a media type it cannot read or write) get a type as precise as
	 * the ones our handlers name, not {@code about:blank}.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			problem.setType(Problems.typeFor(problem.getStatus()));
		}
		return response;
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ex.getBody().setDetail("There is nothing at this path; the service's API is described at /v3/api-docs.");
		return super.handleNoResourceFoundException(ex, headers, status, request);
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException ex) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", ex.getMessage()));
	}

	@ExceptionHandler(ChangeStreams.TooManyStreamsException.class)
	ResponseEntity<ProblemDetail> tooManyStreams(ChangeStreams.TooManyStreamsException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, "60")
			.body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", ex.getMessage()));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> invalidValue(IllegalArgumentException ex) {
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", ex.getMessage()));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> denied(AccessDeniedException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "This API key is not allowed to do that."));
	}

	/**
	 * A command that kept losing the race for its aggregate to other writers, after its
	 * retries (see the command gateway's retry scheduler): nothing was changed, and a
	 * retry a moment later succeeds.
	 */
	@ExceptionHandler(ConcurrencyException.class)
	ResponseEntity<ProblemDetail> contended(ConcurrencyException ex) {
		log.warn("A command kept conflicting with concurrent changes: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "busy",
					"The item is being changed by other requests right now; nothing was changed, retry in a moment."));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return ResponseEntity.internalServerError()
			.body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
					"Something went wrong on our side; nothing was changed by this request."));
	}

}
