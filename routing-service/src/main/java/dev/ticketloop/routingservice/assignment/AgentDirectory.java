package dev.ticketloop.routingservice.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import org.springframework.stereotype.Component;

/** The agents, their skills, languages, capacity and availability ({@code agents}). */
@Component
class AgentDirectory {

	private final MongoCollection<Document> agents;

	AgentDirectory(MongoDatabase database) {
		this.agents = database.getCollection("agents");
	}

	/**
	 * Creates or updates an agent's profile; availability is kept (new agents start
	 * away).
	 */
	Agent save(String id, String name, Set<String> teams, Set<String> skills, Set<String> languages, int capacity) {
		this.agents.updateOne(Filters.eq("_id", id),
				Updates.combine(Updates.set("name", name), Updates.set("teams", List.copyOf(teams)),
						Updates.set("skills", List.copyOf(skills)), Updates.set("languages", List.copyOf(languages)),
						Updates.set("capacity", capacity), Updates.setOnInsert("available", false)),
				new UpdateOptions().upsert(true));
		return find(id).orElseThrow();
	}

	Optional<Agent> setAvailable(String id, boolean available) {
		long matched = this.agents.updateOne(Filters.eq("_id", id), Updates.set("available", available))
			.getMatchedCount();
		return (matched == 0) ? Optional.empty() : find(id);
	}

	void assigned(String id, Instant at) {
		this.agents.updateOne(Filters.eq("_id", id), Updates.set("lastAssignedAt", Date.from(at)));
	}

	Optional<Agent> find(String id) {
		return Optional.ofNullable(this.agents.find(Filters.eq("_id", id)).first()).map(AgentDirectory::toAgent);
	}

	List<Agent> all() {
		List<Agent> all = new ArrayList<>();
		for (Document d : this.agents.find()) {
			all.add(toAgent(d));
		}
		all.sort((a, b) -> a.id().compareTo(b.id()));
		return all;
	}

	private static Agent toAgent(Document d) {
		return new Agent(d.getString("_id"), d.getString("name"),
				Set.copyOf(d.getList("teams", String.class, List.of())),
				Set.copyOf(d.getList("skills", String.class, List.of())),
				Set.copyOf(d.getList("languages", String.class, List.of())), d.getInteger("capacity", 0),
				Boolean.TRUE.equals(d.getBoolean("available")),
				(d.getDate("lastAssignedAt") != null) ? d.getDate("lastAssignedAt").toInstant() : Instant.EPOCH);
	}

}
