package dev.ticketloop.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The conventions every service's API document follows, so that it says what the
 * endpoints really answer: every error as {@code application/problem+json} with the
 * {@code Problem} schema; the refusals every endpoint can give (400 for a request that is
 * not valid, 401 and 403 unless it is public, 404 for an item that does not exist, 413
 * for a body too large, 503 when a change cannot be taken now) listed on each operation.
 * What only one operation answers (its success status when not 200, its conflicts) is
 * declared on the operation itself.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
public class ApiDocumentAutoConfiguration {

	/** The media type of every error. */
	public static final String PROBLEM_JSON = "application/problem+json";

	/**
	 * Path variables that name a selection, not an item: an unknown value selects
	 * nothing, it is not a 404.
	 */
	private static final Set<String> SELECTIONS = Set.of("team");

	@Bean
	GlobalOpenApiCustomizer problemResponses() {
		return ApiDocumentAutoConfiguration::apply;
	}

	static void apply(OpenAPI api) {
		Components components = (api.getComponents() != null) ? api.getComponents() : new Components();
		api.setComponents(components);
		components.addSchemas("Problem", problemSchema());
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			operation.setResponses(responses);
			boolean isPublic = operation.getSecurity() != null && operation.getSecurity().isEmpty();
			boolean hasBody = operation.getRequestBody() != null;
			List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
			if (hasBody || !parameters.isEmpty()) {
				addIfMissing(responses, "400",
						"The request is not valid: a field, parameter or path value is missing, malformed or out "
								+ "of range (the problem's `errors` list each field). Nothing was changed.");
			}
			if (!isPublic) {
				addIfMissing(responses, "401", "No API key, or one that is not valid, in `X-Api-Key`.");
				addIfMissing(responses, "403", "The API key's role (or channel) may not make this call.");
			}
			if (namesAnItem(path, method, parameters)) {
				addIfMissing(responses, "404", "There is no such item (or none this API key may see).");
			}
			if (hasBody) {
				addIfMissing(responses, "413", "The request body is larger than the service accepts.");
			}
			if (method != PathItem.HttpMethod.GET) {
				addIfMissing(responses, "503",
						"The change cannot be taken right now (the item is being changed by other requests); "
								+ "nothing was changed: retry after the `Retry-After` seconds.");
			}
			responses.forEach((code, response) -> {
				if (code.startsWith("4") || code.startsWith("5")) {
					response.setContent(new Content().addMediaType(PROBLEM_JSON,
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
				}
			});
			sort(operation);
		}));
	}

	/**
	 * Whether the path names an item that may not exist (a 404): a path variable that is
	 * not a selection, except where a PUT creates the item it names and where a GET lists
	 * a collection under it (an unknown owner lists nothing); operations that answer 404
	 * there declare it.
	 */
	private static boolean namesAnItem(String path, PathItem.HttpMethod method, List<Parameter> parameters) {
		boolean variable = parameters.stream()
			.anyMatch((p) -> "path".equals(p.getIn()) && !SELECTIONS.contains(p.getName()));
		boolean endsWithVariable = path.endsWith("}");
		if (method == PathItem.HttpMethod.PUT && endsWithVariable) {
			return false;
		}
		return variable && (endsWithVariable || method != PathItem.HttpMethod.GET);
	}

	private static void addIfMissing(ApiResponses responses, String code, String description) {
		if (!responses.containsKey(code)) {
			responses.addApiResponse(code, new ApiResponse().description(description));
		}
	}

	/** Responses in the order of their codes. */
	private static void sort(Operation operation) {
		Map<String, ApiResponse> sorted = new LinkedHashMap<>();
		operation.getResponses()
			.keySet()
			.stream()
			.sorted()
			.forEach((code) -> sorted.put(code, operation.getResponses().get(code)));
		ApiResponses responses = new ApiResponses();
		responses.putAll(sorted);
		operation.setResponses(responses);
	}

	/** RFC 9457 problem details, with the invalid fields a validation problem lists. */
	@SuppressWarnings("rawtypes")
	static Schema problemSchema() {
		Schema<?> error = new ObjectSchema().addProperty("field", new StringSchema().description("The field's path."))
			.addProperty("message", new StringSchema());
		return new ObjectSchema().description("An RFC 9457 problem: what went wrong, in a form a client can act on.")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("What kind of problem, e.g. https://ticketloop.dev/problems/illegal-transition"))
			.addProperty("title", new StringSchema().description("The status's reason phrase."))
			.addProperty("status", new IntegerSchema().description("The HTTP status."))
			.addProperty("detail", new StringSchema().description("What went wrong with this request."))
			.addProperty("instance", new StringSchema().format("uri-reference").description("The path of the request."))
			.addProperty("errors", new ArraySchema().items(error).description("For invalid requests: each field."))
			.required(List.of("type", "title", "status"));
	}

}
