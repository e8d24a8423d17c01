package dev.ticketloop.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}, where an error raised outside any
 * controller is forwarded: a filter's {@code sendError}, an exception in a filter) as
 * problem+json, in place of Spring Boot's own JSON or HTML.
 */
@RestController
@Hidden
public class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "${server.error.path:${error.path:/error}}",
			produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, "*/*" })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		String detail = status.is5xxServerError()
				? "Something went wrong on our side; nothing was changed by this request."
				: (status == HttpStatus.BAD_REQUEST) ? "The request was refused as malformed."
						: status.getReasonPhrase() + ".";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(Problems.typeFor(status.value()));
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		problem.setInstance(null);
		if (uri instanceof String path && Problems.instanceOf(path) != null) {
			problem.setInstance(java.net.URI.create(Problems.instanceOf(path)));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
