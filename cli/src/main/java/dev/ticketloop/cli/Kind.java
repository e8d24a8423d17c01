package dev.ticketloop.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.ticketloop.cli.TicketloopCli.Service;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What has a history the tool shows, now, as it was and as its events: which service has
 * it and where.
 */
enum Kind {

	TICKET(Service.ticket, "/tickets/", ""), ISSUE(Service.ticket, "/issues/", ""),
	SLA_CLOCK(Service.routing, "/tickets/", "/sla-clock"), NOTIFICATION(Service.notification, "/notifications/", "");

	final Service service;

	private final String prefix;

	private final String suffix;

	Kind(Service service, String prefix, String suffix) {
		this.service = service;
		this.prefix = prefix;
		this.suffix = suffix;
	}

	/** As written on the command line: {@code sla-clock}. */
	String wireName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Where the thing is read; an SLA clock by its ticket's id.
	 */
	String path(String id) {
		return this.prefix + Api.segment(id) + this.suffix;
	}

	/** {@code --kind ticket|issue|sla-clock|notification}. */
	static final class Converter implements ITypeConverter<Kind> {

		@Override
		public Kind convert(String value) {
			return Arrays.stream(values())
				.filter((k) -> k.wireName().equals(value))
				.findFirst()
				.orElseThrow(() -> new TypeConversionException("unknown kind '" + value + "': "
						+ Arrays.stream(values()).map(Kind::wireName).collect(Collectors.joining(", "))));
		}

	}

}
