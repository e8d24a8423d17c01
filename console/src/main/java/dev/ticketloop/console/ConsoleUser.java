package dev.ticketloop.console;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A person signed in to the console: the name and role the services know their key by.
 * The key stays in the server-side session only (the browser holds the session cookie),
 * and is sent to the services on the person's behalf; it is never written out.
 */
public final class ConsoleUser implements Principal, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The roles of people; channel adapters' keys cannot sign in. */
	public enum Role {

		AGENT, LEAD, OPERATOR, ENGINEERING

	}

	/** The console's pages, and who may open each. */
	public enum Page {

		QUEUE(EnumSet.of(Role.AGENT, Role.LEAD, Role.OPERATOR)), STATUS(EnumSet.of(Role.LEAD, Role.OPERATOR)),
		ISSUES(EnumSet.of(Role.AGENT, Role.LEAD, Role.OPERATOR, Role.ENGINEERING)),
		REPORTS(EnumSet.of(Role.AGENT, Role.LEAD, Role.OPERATOR)), OPERATIONS(EnumSet.of(Role.OPERATOR)),
		TICKET(EnumSet.of(Role.AGENT, Role.LEAD, Role.OPERATOR)),
		ISSUE(EnumSet.of(Role.AGENT, Role.LEAD, Role.OPERATOR, Role.ENGINEERING));

		private final Set<Role> roles;

		Page(Set<Role> roles) {
			this.roles = roles;
		}

		boolean openTo(Role role) {
			return this.roles.contains(role);
		}

		String path() {
			return "/" + name().toLowerCase(Locale.ROOT);
		}

	}

	private final String name;

	private final Role role;

	private final transient String key;

	ConsoleUser(String name, Role role, String key) {
		this.name = name;
		this.role = role;
		this.key = key;
	}

	@Override
	public String getName() {
		return this.name;
	}

	public Role role() {
		return this.role;
	}

	String key() {
		return this.key;
	}

	/** The Spring Security roles: a lead is an agent too, as in the services. */
	Set<String> authorities() {
		return (this.role == Role.LEAD) ? Set.of("ROLE_LEAD", "ROLE_AGENT") : Set.of("ROLE_" + this.role.name());
	}

	/** The pages this person may open, in the navigation's order. */
	Set<Page> pages() {
		Set<Page> pages = EnumSet.noneOf(Page.class);
		for (Page page : Page.values()) {
			if (page.openTo(this.role)) {
				pages.add(page);
			}
		}
		return pages;
	}

	@Override
	public String toString() {
		return "ConsoleUser[" + this.name + ", " + this.role + "]";
	}

}
