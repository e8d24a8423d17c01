package dev.ticketloop.cli;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

/** A replay's progress as one line: a bar, events done of all, rate, time left. */
final class Progress {

	private static final int WIDTH = 30;

	private Progress() {
	}

	static String bar(JsonNode replay) {
		long done = replay.path("done").asLong(0);
		long toDo = replay.path("toDo").asLong(0);
		long all = done + toDo;
		double share = (all == 0) ? ("DONE".equals(replay.path("state").asString("")) ? 1 : 0) : (double) done / all;
		int filled = (int) Math.round(share * WIDTH);
		String rate = replay.path("eventsPerSecond").isNumber()
				? String.format(Locale.ROOT, "%.0f events/s", replay.get("eventsPerSecond").asDouble()) : "";
		String left = replay.path("secondsLeft").isNumber() ? replay.get("secondsLeft").asLong() + " s left" : "";
		return String.format(Locale.ROOT, "[%s%s] %3.0f%% %d/%d %s %s  ", "#".repeat(filled),
				".".repeat(WIDTH - filled), share * 100, done, all, rate, left);
	}

}
