package dev.ticketloop.insightsservice.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingTimeBinsTests {

	@Test
	void every_time_falls_in_a_bin_whose_upper_bound_is_within_one_percent_above_it() {
		for (long seconds = 0; seconds < 200_000; seconds += (seconds < 2_000) ? 1 : 97) {
			long upper = WorkingTimeBins.upperBound(WorkingTimeBins.bin(seconds));
			assertThat(upper).as("%d s", seconds).isBetween(seconds, (long) Math.ceil(seconds * 1.01));
		}
		assertThat(WorkingTimeBins.bin(0)).isZero();
		assertThat(WorkingTimeBins.upperBound(0)).isZero();
	}

	@Test
	void percentiles_of_binned_times_are_the_nearest_rank_within_one_percent() {
		Random random = new Random(42);
		List<Long> times = new ArrayList<>();
		Map<Integer, Long> bins = new TreeMap<>();
		for (int i = 0; i < 1_001; i++) {
			long seconds = random.nextLong(86_400);
			times.add(seconds);
			bins.merge(WorkingTimeBins.bin(seconds), 1L, Long::sum);
		}
		times.sort(null);
		for (double q : new double[] { 0.01, 0.5, 0.9, 1.0 }) {
			long exact = times.get((int) Math.ceil(q * times.size()) - 1);
			assertThat(WorkingTimeBins.percentile(bins, q)).as("q %s", q)
				.isBetween(exact, (long) Math.ceil(exact * 1.01));
		}
		assertThat(WorkingTimeBins.percentile(Map.of(), 0.5)).isNull();
	}

	@Test
	void totals_add_up_by_name_and_survive_being_stored() {
		Totals day1 = new Totals();
		day1.add(2, "f", "channel", "email", "opened");
		day1.add(1, "f", "category", "a|b", "opened");
		Totals day2 = new Totals();
		day2.add(3, "f", "channel", "email", "opened");
		Totals period = Totals.fromDocument(day1.toDocument());
		period.addAll(Totals.fromDocument(day2.toDocument()));
		assertThat(period.get("f", "channel", "email", "opened")).isEqualTo(5);
		assertThat(period.under("f", "category")).containsExactly(Map.entry("a/b|opened", 1L));
		assertThat(period.get("f", "channel", "chat", "opened")).isZero();
		Totals copy = new Totals();
		period.forEach((name, n) -> copy.addNamed(name, n));
		assertThat(copy.get("f", "category", "a|b", "opened")).isEqualTo(1);
		assertThat(TotalsStore.section("f|category|a/b|opened")).isEqualTo("f|category");
		assertThat(TotalsStore.section("s|first_response|vip|tech|late")).isEqualTo("s");
	}

	@Test
	void histograms_add_up_bin_by_bin_and_survive_being_packed() {
		Totals day1 = new Totals();
		day1.addToHistogram(0, "s", "first_response", "vip", "tech");
		day1.addToHistogram(1_500, "s", "first_response", "vip", "tech");
		day1.addToHistogram(1_500, "s", "first_response", "vip", "tech");
		Totals day2 = new Totals();
		day2.addToHistogram(3, "s", "first_response", "vip", "tech");
		day2.addToHistogram(7, "s", "resolution", "vip", "tech");
		Totals period = Totals.fromDocument(day1.toDocument());
		period.addAll(Totals.fromDocument(day2.toDocument()));
		long[] firstResponse = period.histogramsUnder("s").get("first_response|vip|tech");
		assertThat(firstResponse).hasSize(1_501);
		assertThat(firstResponse[0]).isEqualTo(1);
		assertThat(firstResponse[3]).isEqualTo(1);
		assertThat(firstResponse[1_500]).isEqualTo(2);
		assertThat(Arrays.stream(firstResponse).sum()).isEqualTo(4);
		assertThat(period.histogramsUnder("s").get("resolution|vip|tech")).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
		long[] large = new long[3];
		large[2] = 5_000_000_000L;
		assertThat(Totals.unpack(Totals.pack(large))).containsExactly(0, 0, 5_000_000_000L);
		assertThat(Totals.unpack(Totals.pack(new long[0]))).isEmpty();
		assertThat(WorkingTimeBins.percentile(firstResponse, 0.5)).isEqualTo(WorkingTimeBins.upperBound(3));
		assertThat(WorkingTimeBins.percentile(firstResponse, 0.9)).isEqualTo(WorkingTimeBins.upperBound(1_500));
		assertThat(WorkingTimeBins.percentile(new long[0], 0.5)).isNull();
	}

}
