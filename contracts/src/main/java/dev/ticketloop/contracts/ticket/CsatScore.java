package dev.ticketloop.contracts.ticket;

/**
 * The satisfaction scale customers rate on (CSAT, {@link TicketRatedV1#score()}): 1, very
 * unhappy, to 5, very happy. One definition for the services that take ratings and the
 * readers that count them.
 */
public final class CsatScore {

	public static final int MIN = 1;

	public static final int MAX = 5;

	private CsatScore() {
	}

	/**
	 * The score, if it is on the scale.
	 * @throws IllegalArgumentException when it is not
	 */
	public static int require(int score) {
		if (score < MIN || score > MAX) {
			throw new IllegalArgumentException("score: must be between " + MIN + " and " + MAX);
		}
		return score;
	}

}
