package dev.ticketloop.notificationservice.survey;

import dev.ticketloop.contracts.ticket.CsatScore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The satisfaction survey behind a signed link: what it asks, and the customer's answer,
 * accepted once. The signed token is the credential (customers have no API key); a
 * tampered token is 401, an expired one 410, a second answer 409.
 */
@RestController
@Tag(name = "Surveys",
		description = "Customers answer satisfaction surveys through the signed link they were sent; no API key.")
class SurveyController {

	private final Surveys surveys;

	SurveyController(Surveys surveys) {
		this.surveys = surveys;
	}

	@Operation(summary = "Read a survey",
			description = "What the survey asks, for the customer holding its signed link.")
	@ApiResponse(responseCode = "200", description = "The survey: what it asks, and whether it was answered.")
	@ApiResponse(responseCode = "401", description = "The survey link is not valid.")
	@ApiResponse(responseCode = "404", description = "There is no such survey.")
	@ApiResponse(responseCode = "410", description = "The survey link has expired.")
	@SecurityRequirements
	@GetMapping("/surveys/{token}")
	SurveyView survey(@PathVariable String token) {
		return this.surveys.view(token);
	}

	@Operation(summary = "Answer a survey",
			description = "The customer's score (1-5) and comment; a survey is answered once.")
	@ApiResponse(responseCode = "202", description = "The answer is taken; the ticket is rated in the background.")
	@ApiResponse(responseCode = "401", description = "The survey link is not valid.")
	@ApiResponse(responseCode = "404", description = "There is no such survey.")
	@ApiResponse(responseCode = "409", description = "The survey was answered already.")
	@ApiResponse(responseCode = "410", description = "The survey link has expired.")
	@SecurityRequirements
	@PostMapping("/surveys/{token}")
	ResponseEntity<Answered> answer(@PathVariable String token, @Valid @RequestBody SurveyAnswer answer) {
		String surveyId = this.surveys.answer(token, answer.score(), answer.comment());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Answered(surveyId, "ANSWERED"));
	}

	/**
	 * @param score 1 (very unsatisfied) to 5 (very satisfied)
	 * @param comment what the customer wants to add
	 */
	record SurveyAnswer(@NotNull @Min(CsatScore.MIN) @Max(CsatScore.MAX) Integer score,
			@Size(max = 2000) String comment) {
	}

	record SurveyView(String surveyId, String ticketId, String subject, String locale, int minScore, int maxScore,
			boolean answered) {
	}

	record Answered(String surveyId, String status) {
	}

}
