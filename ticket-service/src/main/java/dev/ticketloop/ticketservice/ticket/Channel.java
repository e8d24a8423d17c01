package dev.ticketloop.ticketservice.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a ticket came from, and where its adapter expects answers. */
public enum Channel {

	EMAIL, CHAT, APP, SOCIAL;

	/** The name on the wire: {@code email}, {@code chat}, {@code app}, {@code social}. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Channel fromWireName(String name) {
		for (Channel channel : values()) {
			if (channel.wireName().equals(name)) {
				return channel;
			}
		}
		throw new IllegalArgumentException("channel: unknown channel '" + name + "', expected one of "
				+ Arrays.stream(values()).map(Channel::wireName).collect(Collectors.joining(", ")));
	}

}
