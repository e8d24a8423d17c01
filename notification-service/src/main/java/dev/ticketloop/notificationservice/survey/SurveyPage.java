package dev.ticketloop.notificationservice.survey;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ticketloop.notificationservice.content.NotificationRenderer;
import dev.ticketloop.notificationservice.delivery.IllegalDeliveryStateException;
import dev.ticketloop.notificationservice.delivery.NotASurveyException;
import io.swagger.v3.oas.annotations.Hidden;
import org.axonframework.modelling.command.AggregateNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page the survey link in every CSAT mail opens in a browser: the question in the
 * customer's language (their mails' language), five scores and a comment, sent as a plain
 * form (no script); after it, a thank-you. The signed token is the credential, as for the
 * API's {@code /surveys/{token}} (JSON), which this page shares its path with: a browser
 * asks for HTML. Refusals are pages too, with the API's statuses (401, 404, 409, 410).
 */
@Hidden
@RestController
class SurveyPage {

	private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

	private final Surveys surveys;

	private final NotificationRenderer renderer;

	SurveyPage(Surveys surveys, NotificationRenderer renderer) {
		this.surveys = surveys;
		this.renderer = renderer;
	}

	@GetMapping(path = "/surveys/{token}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> page(@PathVariable String token,
			@RequestHeader(name = "Accept-Language", required = false) String languages) {
		try {
			SurveyController.SurveyView survey = this.surveys.view(token);
			return page(HttpStatus.OK, survey, survey.answered() ? "answered" : "open", null, token);
		}
		catch (RuntimeException ex) {
			return refused(ex, languages);
		}
	}

	/** The form's answer; then the page again (see other), which thanks the customer. */
	@PostMapping(path = "/surveys/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> answer(@PathVariable String token, @RequestParam(required = false) String score,
			@RequestParam(required = false) String comment,
			@RequestHeader(name = "Accept-Language", required = false) String languages) {
		SurveyController.SurveyView survey;
		try {
			survey = this.surveys.view(token);
		}
		catch (RuntimeException ex) {
			return refused(ex, languages);
		}
		Integer value = parse(score);
		if (value == null) {
			return page(HttpStatus.BAD_REQUEST, survey, "open", "survey_page.score_missing", token);
		}
		try {
			this.surveys.answer(token, value, (comment != null && !comment.isBlank())
					? comment.substring(0, Math.min(2000, comment.length())) : null);
		}
		catch (IllegalDeliveryStateException ex) {
			// answered before (another tab, a second click): the thanks stand
		}
		catch (RuntimeException ex) {
			return refused(ex, languages);
		}
		return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", "/surveys/" + token).build();
	}

	private static Integer parse(String score) {
		try {
			int value = Integer.parseInt((score != null) ? score.strip() : "");
			return (value >= 1 && value <= 5) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private ResponseEntity<String> page(HttpStatus status, SurveyController.SurveyView survey, String state,
			String problem, String token) {
		return page(status, survey, state, problem, token, (survey != null) ? survey.locale() : null);
	}

	private ResponseEntity<String> page(HttpStatus status, SurveyController.SurveyView survey, String state,
			String problem, String token, String locale) {
		Map<String, Object> model = new HashMap<>();
		model.put("subject", (survey != null && survey.subject() != null) ? survey.subject() : "");
		model.put(state, true);
		model.put("action", "/surveys/" + token);
		if (problem != null) {
			model.put("problem", problem);
		}
		NotificationRenderer.Rendered page = this.renderer.renderPage("survey", locale, model);
		return ResponseEntity.status(status)
			.contentType(HTML)
			.header("Content-Language", page.language())
			// the link is the credential: the page is nobody else's to keep
			.header("Cache-Control", "no-store")
			.header("Referrer-Policy", "no-referrer")
			.body(page.html());
	}

	/**
	 * A refusal as a page, in the browser's language (a link that cannot be read says
	 * nothing about its customer).
	 */
	private ResponseEntity<String> refused(RuntimeException ex, String languages) {
		String locale = browserLanguage(languages);
		if (ex instanceof SurveyLinks.InvalidSurveyTokenException) {
			return page(HttpStatus.UNAUTHORIZED, null, "refused", "survey_page.invalid", "", locale);
		}
		if (ex instanceof SurveyLinks.ExpiredSurveyTokenException) {
			return page(HttpStatus.GONE, null, "refused", "survey_page.expired", "", locale);
		}
		if (ex instanceof NotASurveyException || ex instanceof AggregateNotFoundException) {
			return page(HttpStatus.NOT_FOUND, null, "refused", "survey_page.not_found", "", locale);
		}
		throw ex;
	}

	private static String browserLanguage(String header) {
		try {
			List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse((header != null) ? header : "");
			return ranges.isEmpty() ? null : ranges.get(0).getRange().replace("*", "en");
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
