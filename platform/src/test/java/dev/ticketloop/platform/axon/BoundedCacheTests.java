package dev.ticketloop.platform.axon;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedCacheTests {

	@Test
	void the_least_recently_used_entry_goes_when_the_cache_is_full() {
		BoundedCache cache = new BoundedCache(2);
		List<Object> expired = new ArrayList<>();
		cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
			@Override
			public void onEntryExpired(Object key) {
				expired.add(key);
			}
		});
		cache.put("a", 1);
		cache.put("b", 2);
		assertThat((Integer) cache.get("a")).isEqualTo(1);
		cache.put("c", 3);

		assertThat(cache.containsKey("a")).isTrue();
		assertThat(cache.containsKey("b")).as("least recently used").isFalse();
		assertThat(cache.containsKey("c")).isTrue();
		assertThat(expired).containsExactly("b");
		assertThat(cache.size()).isEqualTo(2);
	}

	@Test
	void entries_are_put_once_computed_updated_and_removed() {
		BoundedCache cache = new BoundedCache(10);
		assertThat(cache.putIfAbsent("k", 1)).isTrue();
		assertThat(cache.putIfAbsent("k", 2)).isFalse();
		assertThat((Integer) cache.computeIfAbsent("k", () -> 3)).isEqualTo(1);
		cache.<Integer>computeIfPresent("k", (v) -> v + 10);
		assertThat((Integer) cache.get("k")).isEqualTo(11);
		cache.put("k", null);
		assertThat(cache.containsKey("k")).isFalse();
		cache.put("x", 1);
		cache.removeAll();
		assertThat(cache.size()).isZero();
	}

}
