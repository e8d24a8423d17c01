package dev.ticketloop.ticketservice.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * Remembers which ticket an adapter's {@code Idempotency-Key} stands for (per adapter,
 * keyed by {@code _id}), so that a retried intake opens no second ticket. The ticket id
 * is chosen before the ticket is opened and stored with the key; a retry after a crash in
 * between opens the ticket under that same id.
 */
@Component
class IdempotencyKeys {

	private final MongoCollection<Document> keys;

	private final Clock clock;

	IdempotencyKeys(MongoDatabase database, Clock clock) {
		this.keys = database.getCollection("intake_idempotency_keys");
		this.clock = clock;
	}

	/**
	 * The ticket this key stands for: a new one the first time, the same one after.
	 * @throws KeyReusedException when the key was used for a different request
	 */
	Reservation reserve(String client, String key, String request) {
		String id = client + "\n" + key;
		String fingerprint = sha256(request);
		TicketId fresh = TicketId.newId();
		try {
			this.keys.insertOne(new Document("_id", id).append("ticketId", fresh.value())
				.append("fingerprint", fingerprint)
				.append("at", Date.from(this.clock.instant())));
			return new Reservation(fresh, false);
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
		Document existing = this.keys.find(Filters.eq("_id", id)).first();
		if (existing == null) {
			throw new IllegalStateException("Idempotency key vanished: " + key);
		}
		if (!fingerprint.equals(existing.getString("fingerprint"))) {
			throw new KeyReusedException(key);
		}
		return new Reservation(TicketId.of(existing.getString("ticketId")), true);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param replay whether the key was seen before
	 */
	record Reservation(TicketId ticketId, boolean replay) {
	}

	/** The same key came with a different request. */
	static class KeyReusedException extends RuntimeException {

		KeyReusedException(String key) {
			super("Idempotency-Key '" + key + "' was already used for a different request.");
		}

	}

}
