package dev.ticketloop.routingservice.assignment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.routingservice.queue.Queues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents for the dispatcher: operators keep their profiles (teams, skills, languages,
 * capacity); an agent says when they take tickets and when they go away (operators may
 * too). Going away hands their open tickets to others.
 */
@RestController
@Tag(name = "Agents",
		description = "The agents routing assigns tickets to: teams, skills, languages, capacity, availability.")
class AgentController {

	private final AgentDirectory agents;

	private final Queues queues;

	AgentController(AgentDirectory agents, Queues queues) {
		this.agents = agents;
		this.queues = queues;
	}

	@Operation(summary = "List agents", description = "Every agent with their profile, availability and current load.")
	@GetMapping("/agents")
	List<AgentView> list() {
		Map<String, Integer> load = this.queues.loadByAgent();
		return this.agents.all().stream().map((a) -> view(a, load.getOrDefault(a.id(), 0))).toList();
	}

	@Operation(summary = "Create or replace an agent", description = "Saves an agent's profile (operators).")
	@PutMapping("/agents/{id}")
	AgentView save(@PathVariable String id, @Valid @RequestBody AgentProfile profile) {
		if (!id.matches("[A-Za-z0-9._@-]{1,100}")) {
			throw new IllegalArgumentException("id: letters, digits and . _ @ - only, at most 100");
		}
		Agent agent = this.agents.save(id, profile.name(), lower(profile.teams()), lower(profile.skills()),
				lower(profile.languages()), profile.capacity());
		return view(agent, this.queues.loadByAgent().getOrDefault(id, 0));
	}

	@Operation(summary = "Set an agent's availability",
			description = "An agent sets their own availability; operators anyone's.")
	@ApiResponse(responseCode = "200", description = "The agent with their availability and load.")
	@ApiResponse(responseCode = "404", description = "There is no such agent.")
	@PutMapping("/agents/{id}/availability")
	AgentView availability(@PathVariable String id, @Valid @RequestBody Availability availability,
			@AuthenticationPrincipal ApiClient client) {
		if (client.role() == ApiClient.Role.AGENT && !client.name().equals(id)) {
			throw new AccessDeniedException(client.name() + " may only change their own availability");
		}
		Agent agent = this.agents.setAvailable(id, availability.available())
			.orElseThrow(() -> new UnknownAgentException(id));
		return view(agent, this.queues.loadByAgent().getOrDefault(id, 0));
	}

	private static AgentView view(Agent a, int load) {
		return new AgentView(a.id(), a.name(), a.teams(), a.skills(), a.languages(), a.capacity(), a.available(), load);
	}

	private static Set<String> lower(List<String> values) {
		return (values != null)
				? values.stream().map((v) -> v.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()) : Set.of();
	}

	record AgentProfile(@NotBlank @Size(max = 200) String name, @Size(max = 50) List<@NotBlank String> teams,
			@Size(max = 50) List<@NotBlank String> skills, @Size(max = 20) List<@NotBlank String> languages,
			@NotNull @Min(0) @Max(1000) Integer capacity) {
	}

	record Availability(@NotNull Boolean available) {
	}

	record AgentView(String id, String name, Set<String> teams, Set<String> skills, Set<String> languages, int capacity,
			boolean available, int load) {
	}

	/** No agent with that id. */
	static class UnknownAgentException extends RuntimeException {

		UnknownAgentException(String id) {
			super("There is no agent " + id + ".");
		}

	}

}
