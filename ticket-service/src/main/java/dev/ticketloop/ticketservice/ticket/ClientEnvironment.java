package dev.ticketloop.ticketservice.ticket;

/**
 * Where the customer uses the product, as the channel adapter knows it: reports slice
 * satisfaction and problems by platform and version.
 *
 * @param platform {@code ios}, {@code android}, {@code web}, {@code windows},
 * {@code macos}, {@code linux} or {@code other}; null when unknown
 * @param productVersion e.g. {@code 4.2.1}; null when unknown
 */
public record ClientEnvironment(String platform, String productVersion) {

	/** Neither is known. */
	public static final ClientEnvironment UNKNOWN = new ClientEnvironment(null, null);

}
