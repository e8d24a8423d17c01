package dev.ticketloop.routingservice.assignment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets a ticket: fit first (team, language, skill, capacity, presence), then load or
 * turn.
 */
class AgentChoiceTests {

	private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

	private static Agent agent(String id, Set<String> languages, Set<String> skills, int capacity, boolean available,
			Instant last) {
		return new Agent(id, id, Set.of("support"), skills, languages, capacity, available, last);
	}

	private static final Agent ANA = agent("ana", Set.of("es", "en"), Set.of(), 3, true, T.minusSeconds(60));

	private static final Agent BO = agent("bo", Set.of("zh", "en"), Set.of("billing"), 3, true, T.minusSeconds(600));

	private static final Agent CY = agent("cy", Set.of("en"), Set.of(), 1, false, T.minusSeconds(3600));

	private static final List<Agent> AGENTS = List.of(ANA, BO, CY);

	private static Optional<String> choose(String language, String category, Map<String, Integer> load,
			String strategy) {
		return Dispatcher.choose("support", language, category, null, AGENTS, load, strategy).map(Agent::id);
	}

	@Test
	void the_least_loaded_fitting_agent_gets_the_ticket() {
		assertThat(choose("en", null, Map.of("ana", 2, "bo", 1), "least-loaded")).hasValue("bo");
		assertThat(choose("en", null, Map.of("ana", 0, "bo", 1), "least-loaded")).hasValue("ana");
		assertThat(choose("en", null, Map.of(), "least-loaded")).as("equally loaded: the one waiting longest")
			.hasValue("bo");
	}

	@Test
	void round_robin_gives_it_to_whoever_waited_longest_whatever_the_load() {
		assertThat(choose("en", null, Map.of("ana", 0, "bo", 2), "round-robin")).hasValue("bo");
	}

	@Test
	void language_skill_capacity_presence_and_team_must_fit() {
		assertThat(choose("es", null, Map.of(), "least-loaded")).hasValue("ana");
		assertThat(choose("zh", null, Map.of(), "least-loaded")).hasValue("bo");
		assertThat(choose("de", null, Map.of(), "least-loaded")).as("nobody speaks German").isEmpty();
		assertThat(choose("en", "export", Map.of(), "least-loaded")).as("bo only knows billing").hasValue("ana");
		assertThat(choose("en", null, Map.of("ana", 3, "bo", 3), "least-loaded")).as("all full, cy away").isEmpty();
		assertThat(Dispatcher.choose("billing-team", "en", null, null, AGENTS, Map.of(), "least-loaded")).isEmpty();
		assertThat(Dispatcher.choose("support", "es", null, "ana", AGENTS, Map.of(), "least-loaded"))
			.as("not to the agent it is taken from")
			.isEmpty();
	}

}
