package dev.ticketloop.insightsservice.emerging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups tickets whose texts say the same thing: each text a TF-IDF vector of its
 * analysed words (sublinear term frequency, inverse document frequency over the tickets
 * grouped), compared by cosine; tickets are taken oldest first and each joins the group
 * whose sum of vectors it is most similar to, if at least {@code threshold}, or starts a
 * group of its own (single-pass "leader" clustering: linear in the tickets times the
 * groups that share a word with it, and the oldest ticket of a group stays its first).
 */
final class SimilarTickets {

	/** A ticket's analysed words and when it was opened. */
	record Text(String ticketId, Instant openedAt, Map<String, Integer> terms) {
	}

	/** A group: its tickets, oldest first, and the words that weigh most in it. */
	record Group(List<Text> tickets, List<String> terms) {
	}

	/** How many of a text's weightiest words find the groups it is compared with. */
	static final int CANDIDATE_TERMS = 5;

	private SimilarTickets() {
	}

	static List<Group> group(List<Text> texts, double threshold, int describingTerms) {
		Map<String, Integer> df = new HashMap<>();
		texts.forEach((text) -> text.terms().keySet().forEach((term) -> df.merge(term, 1, Integer::sum)));
		int n = texts.size();
		List<Text> ordered = new ArrayList<>(texts);
		ordered.sort(Comparator.comparing(Text::openedAt).thenComparing(Text::ticketId));
		List<List<Text>> members = new ArrayList<>();
		List<Map<String, Double>> sums = new ArrayList<>();
		List<Double> squaredLengths = new ArrayList<>();
		Map<String, Set<Integer>> groupsWith = new HashMap<>();
		for (Text text : ordered) {
			Map<String, Double> vector = vector(text.terms(), df, n);
			if (vector.isEmpty()) {
				continue;
			}
			// the groups that share one of its weightiest words: similar texts do
			Set<Integer> candidates = new HashSet<>();
			vector.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
				.limit(CANDIDATE_TERMS)
				.forEach((term) -> candidates.addAll(groupsWith.getOrDefault(term.getKey(), Set.of())));
			int best = -1;
			double bestScore = threshold;
			double bestDot = 0;
			for (int g : candidates) {
				double dot = dot(vector, sums.get(g));
				double score = dot / Math.sqrt(squaredLengths.get(g));
				if (score >= bestScore) {
					best = g;
					bestScore = score;
					bestDot = dot;
				}
			}
			if (best < 0) {
				best = members.size();
				members.add(new ArrayList<>());
				sums.add(new HashMap<>());
				squaredLengths.add(0.0);
			}
			members.get(best).add(text);
			// |s + v|² = |s|² + 2 s·v + |v|², and v is a unit vector
			squaredLengths.set(best, squaredLengths.get(best) + 2 * bestDot + 1);
			Map<String, Double> sum = sums.get(best);
			int group = best;
			vector.forEach((term, w) -> {
				sum.merge(term, w, Double::sum);
				groupsWith.computeIfAbsent(term, (t) -> new HashSet<>()).add(group);
			});
		}
		List<Group> groups = new ArrayList<>();
		for (int g = 0; g < members.size(); g++) {
			List<String> terms = sums.get(g)
				.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Double>comparingByValue()
					.reversed()
					.thenComparing(Map.Entry.comparingByKey()))
				.limit(describingTerms)
				.map(Map.Entry::getKey)
				.toList();
			groups.add(new Group(List.copyOf(members.get(g)), terms));
		}
		return groups;
	}

	/** (1 + log tf) × log(1 + N / df), normalized to length 1. */
	static Map<String, Double> vector(Map<String, Integer> terms, Map<String, Integer> df, int n) {
		Map<String, Double> vector = new HashMap<>();
		double length = 0;
		for (Map.Entry<String, Integer> term : terms.entrySet()) {
			double w = (1 + Math.log(term.getValue())) * Math.log(1 + (double) n / df.getOrDefault(term.getKey(), 1));
			if (w > 0) {
				vector.put(term.getKey(), w);
				length += w * w;
			}
		}
		double norm = Math.sqrt(length);
		vector.replaceAll((term, w) -> w / norm);
		return vector;
	}

	static double dot(Map<String, Double> unit, Map<String, Double> other) {
		double dot = 0;
		for (Map.Entry<String, Double> term : unit.entrySet()) {
			Double w = other.get(term.getKey());
			if (w != null) {
				dot += term.getValue() * w;
			}
		}
		return dot;
	}

}
