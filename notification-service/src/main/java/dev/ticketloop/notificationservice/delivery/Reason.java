package dev.ticketloop.notificationservice.delivery;

import java.util.Locale;

/** Why a customer is told something; one template per reason and locale. */
public enum Reason {

	ACKNOWLEDGEMENT;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String notificationIdFor(String ticketId) {
		return ticketId + ":" + wireName();
	}

}
