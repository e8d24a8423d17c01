package dev.ticketloop.platform.security;

import java.security.Principal;
import java.util.Optional;

/**
 * The authenticated caller: a channel adapter (bound to its channel), an agent, a team
 * lead (an agent who also approves what agents propose, such as answer templates), an
 * operator or engineering's tooling (which reports releases and issue progress).
 */
public record ApiClient(String name, Role role, String channel) implements Principal {

	public enum Role {

		ADAPTER, AGENT, LEAD, OPERATOR, ENGINEERING

	}

	@Override
	public String getName() {
		return this.name;
	}

	/** The channel an adapter is limited to; empty for agents and operators. */
	public Optional<String> boundChannel() {
		return (this.role == Role.ADAPTER) ? Optional.ofNullable(this.channel) : Optional.empty();
	}

	/** Whether this client may see and act on a ticket of the given channel. */
	public boolean maySee(String ticketChannel) {
		return boundChannel().map((c) -> c.equals(ticketChannel)).orElse(true);
	}

}
