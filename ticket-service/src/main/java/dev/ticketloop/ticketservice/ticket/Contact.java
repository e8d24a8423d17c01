package dev.ticketloop.ticketservice.ticket;

/**
 * How to reach the customer: an e-mail address (optional on non-e-mail channels, whose
 * adapters answer through their own callback) and a name to address them by.
 */
public record Contact(String email, String name) {

}
