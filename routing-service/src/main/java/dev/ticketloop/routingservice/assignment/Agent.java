package dev.ticketloop.routingservice.assignment;

import java.time.Instant;
import java.util.Set;

/**
 * An agent as the dispatcher sees them.
 *
 * @param teams the teams whose queues they work (empty: every team)
 * @param skills product areas they know, matched against tickets' categories (empty: any)
 * @param languages languages they answer in (ISO 639-1; empty: any)
 * @param capacity how many open tickets they hold at most
 * @param available whether they take tickets now
 * @param lastAssignedAt when they last got a ticket (round robin, ties)
 */
public record Agent(String id, String name, Set<String> teams, Set<String> skills, Set<String> languages, int capacity,
		boolean available, Instant lastAssignedAt) {

	public Agent {
		teams = Set.copyOf(teams);
		skills = Set.copyOf(skills);
		languages = Set.copyOf(languages);
	}

	/** Whether they can take a ticket of this team, language and category. */
	boolean fits(String team, String language, String category) {
		return this.available && (this.teams.isEmpty() || this.teams.contains(team))
				&& (language == null || this.languages.isEmpty() || this.languages.contains(language))
				&& (category == null || this.skills.isEmpty() || this.skills.contains(category));
	}

}
