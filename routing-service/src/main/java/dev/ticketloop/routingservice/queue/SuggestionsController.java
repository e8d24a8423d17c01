package dev.ticketloop.routingservice.queue;

import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What routing suggests for a ticket: known issues and answer templates like it. */
@RestController
@Tag(name = "Suggestions", description = "Templates and known issues that may answer a ticket.")
class SuggestionsController {

	private final MongoCollection<Document> items;

	SuggestionsController(MongoDatabase database) {
		this.items = database.getCollection(QueueProjection.COLLECTION);
	}

	@Operation(summary = "Suggestions for a ticket",
			description = "Templates and known issues ranked by score, with the ticket's language, category and tags.")
	@ApiResponse(responseCode = "200", description = "The suggestions, best first.")
	@ApiResponse(responseCode = "404", description = "Routing does not know this ticket (yet).")
	@GetMapping("/tickets/{ticketId}/suggestions")
	Suggestions suggestions(@PathVariable String ticketId) {
		Document item = this.items.find(Filters.eq("_id", ticketId)).first();
		if (item == null) {
			throw new UnknownTicketException(ticketId);
		}
		List<SuggestionView> list = item.getList("suggestions", Document.class, List.of())
			.stream()
			.sorted(Queues.SUGGESTION_RANK)
			.map((s) -> new SuggestionView(s.getString("kind"), s.getString("ref"), s.getString("title"),
					s.get("score", Number.class).doubleValue(), s.getString("action"), s.getString("answer"),
					s.getInteger("templateVersion"),
					(s.get("confidence") != null) ? s.get("confidence", Number.class).doubleValue() : null,
					s.getString("heldBack")))
			.toList();
		return new Suggestions(ticketId, item.getString("language"), item.getString("category"),
				item.getList("tags", String.class, List.of()), list);
	}

	record Suggestions(String ticketId, String language, String category, List<String> tags,
			List<SuggestionView> suggestions) {
	}

	/**
	 * @param confidence for a template, the calibrated chance that it is the right answer
	 * @param heldBack why a template above the automatic threshold did not answer by
	 * itself
	 */
	record SuggestionView(String kind, String ref, String title, double score, String action, String answer,
			Integer templateVersion, Double confidence, String heldBack) {
	}

	/** Routing does not know this ticket. */
	static class UnknownTicketException extends RuntimeException {

		UnknownTicketException(String ticketId) {
			super("Routing knows no ticket " + ticketId + ".");
		}

	}

}
