package dev.ticketloop.insightsservice.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a report can be sliced by. */
public enum Dimension {

	/** No slicing: every ticket in one row. */
	ALL,
	/** {@code email}, {@code chat}, {@code app}, {@code social}. */
	CHANNEL,
	/** The customer's tier. */
	TIER,
	/** The category routing's rules chose. */
	CATEGORY,
	/** The team whose queue the ticket went to. */
	TEAM,
	/** The language of the customer's text, as detected. */
	LANGUAGE,
	/** Where the customer uses the product. */
	PLATFORM,
	/** The agent who had the ticket last. */
	AGENT;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Dimension fromWireName(String name) {
		for (Dimension dimension : values()) {
			if (dimension.wireName().equals(name)) {
				return dimension;
			}
		}
		throw new IllegalArgumentException("by: unknown dimension '" + name + "', expected one of "
				+ Arrays.stream(values()).map(Dimension::wireName).collect(Collectors.joining(", ")));
	}

}
