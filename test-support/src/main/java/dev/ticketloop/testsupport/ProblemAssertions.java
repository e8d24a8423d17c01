package dev.ticketloop.testsupport;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every refusal of the services must be: RFC 9457 problem+json with the status of
 * the answer, and no stack trace or exception class in it.
 */
public final class ProblemAssertions {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemAssertions() {
	}

	/** The answer is a problem with this status. */
	public static JsonNode assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as("content type of " + response.body())
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("status").asInt()).as("the problem's status").isEqualTo(status);
		assertThat(response.body()).as("no stack trace in a problem")
			.doesNotContain("\tat ")
			.doesNotContainPattern("\\w*Exception\\b");
		return problem;
	}

	/** The answer is a problem of its status whose detail says this. */
	public static JsonNode assertProblem(HttpResponse<String> response, String detail) {
		JsonNode problem = assertProblem(response, response.statusCode());
		assertThat(problem.path("detail").asString()).contains(detail);
		return problem;
	}

}
