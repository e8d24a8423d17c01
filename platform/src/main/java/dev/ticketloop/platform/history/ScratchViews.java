package dev.ticketloop.platform.history;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A view computed by a projection's own updates, applied in order to a scratch document
 * instead of the read model, read back and deleted: how a view as of an instant is made
 * from the events up to then, so it is what the live view said at that instant.
 */
public final class ScratchViews {

	private static final String SCRATCHED_AT = "scratchedAt";

	private final MongoCollection<Document> scratch;

	/**
	 * @param scratch a collection of the service's own for the scratch documents
	 */
	public ScratchViews(MongoCollection<Document> scratch) {
		this.scratch = scratch;
		// a scratch document a crash left behind (it holds a copy of a view) goes within
		// minutes on MongoDB (the stand-in keeps it until it is deleted)
		this.scratch.createIndex(Indexes.ascending(SCRATCHED_AT), new IndexOptions().expireAfter(2L, TimeUnit.MINUTES));
	}

	/**
	 * The document these updates make of nothing, with {@code id} as its {@code _id};
	 * null when there are none.
	 */
	public Document apply(String id, List<Bson> updates) {
		if (updates.isEmpty()) {
			return null;
		}
		String scratchId = "as-of-" + UUID.randomUUID();
		List<WriteModel<Document>> writes = new ArrayList<>();
		writes.add(new UpdateOneModel<>(Filters.eq("_id", scratchId), Updates.set(SCRATCHED_AT, new Date()),
				new UpdateOptions().upsert(true)));
		for (Bson update : updates) {
			writes.add(new UpdateOneModel<>(Filters.eq("_id", scratchId), update, new UpdateOptions().upsert(true)));
		}
		try {
			this.scratch.bulkWrite(writes, new BulkWriteOptions().ordered(true));
			Document view = this.scratch.find(Filters.eq("_id", scratchId)).first();
			if (view != null) {
				view.remove(SCRATCHED_AT);
				view.put("_id", id);
			}
			return view;
		}
		finally {
			this.scratch.deleteOne(Filters.eq("_id", scratchId));
		}
	}

}
