package dev.ticketloop.platform.axon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * A cache of aggregates that keeps the most recently used {@code capacity} entries
 * (strongly: unlike Axon's weak-reference cache, an aggregate loaded again a few
 * milliseconds after it was written is still there after a garbage collection). A
 * conflicting write elsewhere evicts the entry (Axon's caching repository removes it when
 * a unit of work rolls back), so staleness costs a retry, never a lost update.
 */
public final class BoundedCache implements Cache {

	private final Map<Object, Object> entries;

	private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

	public BoundedCache(int capacity) {
		this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
				boolean evict = size() > capacity;
				if (evict) {
					BoundedCache.this.listeners.forEach((l) -> l.onEntryExpired(eldest.getKey()));
				}
				return evict;
			}
		};
	}

	@Override
	@SuppressWarnings("unchecked")
	public synchronized <K, V> V get(K key) {
		V value = (V) this.entries.get(key);
		if (value != null) {
			this.listeners.forEach((l) -> l.onEntryRead(key, value));
		}
		return value;
	}

	@Override
	public synchronized void put(Object key, Object value) {
		if (value == null) {
			remove(key);
			return;
		}
		Object previous = this.entries.put(key, value);
		this.listeners.forEach((l) -> {
			if (previous == null) {
				l.onEntryCreated(key, value);
			}
			else {
				l.onEntryUpdated(key, value);
			}
		});
	}

	@Override
	public synchronized boolean putIfAbsent(Object key, Object value) {
		if (this.entries.containsKey(key)) {
			return false;
		}
		put(key, value);
		return true;
	}

	@Override
	@SuppressWarnings("unchecked")
	public synchronized <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
		T value = (T) this.entries.get(key);
		if (value == null) {
			value = valueSupplier.get();
			put(key, value);
		}
		return value;
	}

	@Override
	@SuppressWarnings("unchecked")
	public synchronized <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
		V value = (V) this.entries.get(key);
		if (value != null) {
			put(key, update.apply(value));
		}
	}

	@Override
	public synchronized boolean remove(Object key) {
		boolean removed = this.entries.remove(key) != null;
		if (removed) {
			this.listeners.forEach((l) -> l.onEntryRemoved(key));
		}
		return removed;
	}

	@Override
	public synchronized void removeAll() {
		for (Object key : List.copyOf(this.entries.keySet())) {
			remove(key);
		}
	}

	@Override
	public synchronized boolean containsKey(Object key) {
		return this.entries.containsKey(key);
	}

	public synchronized int size() {
		return this.entries.size();
	}

	@Override
	public Registration registerCacheEntryListener(EntryListener listener) {
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

}
