package dev.ticketloop.routingservice.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * What a text means, as a vector: sentence embeddings computed in process by ONNX models
 * that ship inside their Maven artifacts (nothing is downloaded): all-MiniLM-L6-v2,
 * quantized, for English and Spanish (an English model; on the corpus it still helps in
 * Spanish, ADR 15), BGE-small-zh v1.5, quantized, for Chinese. Two texts mean the same
 * the closer the cosine of their vectors is to 1.
 *
 * <p>
 * The models are read-only and thread-safe: one per JVM, loaded at first use (a few
 * hundred milliseconds and about 100 MB of native memory each), shared by every matcher.
 * The vectors of the templates' questions are kept (bounded), so a library indexed again
 * after a change embeds only what changed.
 */
public final class SentenceEmbeddings {

	/** A longer text is cut here: its start says what it asks. */
	static final int MAX_CHARS = 1_000;

	private static final Supplier<EmbeddingModel> LATIN = memoize(AllMiniLmL6V2QuantizedEmbeddingModel::new);

	private static final Supplier<EmbeddingModel> CHINESE = memoize(BgeSmallZhV15QuantizedEmbeddingModel::new);

	private static final Map<String, Supplier<EmbeddingModel>> MODELS = Map.of("en", LATIN, "es", LATIN, "zh", CHINESE);

	private static final SentenceEmbeddings SHARED = new SentenceEmbeddings();

	private final Cache<String, float[]> kept = Caffeine.newBuilder().maximumSize(50_000).build();

	private SentenceEmbeddings() {
	}

	/** The embeddings of this JVM. */
	public static SentenceEmbeddings shared() {
		return SHARED;
	}

	/**
	 * Loads the models now (a service starts with them or not at all).
	 * @throws IllegalStateException when a model cannot be loaded on this platform
	 */
	public SentenceEmbeddings load() {
		try {
			LATIN.get();
			CHINESE.get();
			return this;
		}
		catch (RuntimeException | LinkageError ex) {
			throw new IllegalStateException("The sentence embedding models could not be loaded (" + ex
					+ "); ticketloop.templates.matching=words runs without them", ex);
		}
	}

	/** Whether a model reads texts of this language. */
	public boolean reads(String language) {
		return MODELS.containsKey(language);
	}

	/**
	 * The unit vector of a text of a language a model reads.
	 * @param keep whether to keep it for the next call with the same text (a template's
	 * question, not a ticket's text)
	 */
	public float[] embed(String text, String language, boolean keep) {
		Supplier<EmbeddingModel> model = MODELS.get(language);
		if (model == null) {
			throw new IllegalArgumentException("No sentence model reads " + language);
		}
		int end = Math.min(text.length(), MAX_CHARS);
		if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--; // not half a character
		}
		String cut = text.substring(0, end);
		if (!keep) {
			return unit(model.get().embed(cut).content().vector());
		}
		return this.kept.get(language + '\u0000' + cut, (k) -> unit(model.get().embed(cut).content().vector()));
	}

	/** The cosine of two unit vectors. */
	static double cosine(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot;
	}

	private static float[] unit(float[] v) {
		double norm = 0;
		for (float x : v) {
			norm += x * x;
		}
		norm = Math.sqrt(norm);
		float[] unit = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			unit[i] = (norm > 0) ? (float) (v[i] / norm) : 0;
		}
		return unit;
	}

	/**
	 * DJL unpacks its tokenizer's native library under {@code DJL_CACHE_DIR}, by default
	 * in the user's home: a service user without a writable home (a container's) gets the
	 * temporary directory instead.
	 */
	private static void tokenizerCache() {
		if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null
				&& !Files.isWritable(Path.of(System.getProperty("user.home", "/")))) {
			System.setProperty("DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "djl").toString());
		}
	}

	private static <T> Supplier<T> memoize(Supplier<T> load) {
		return new Supplier<>() {

			private volatile T value;

			@Override
			public T get() {
				T v = this.value;
				if (v == null) {
					synchronized (this) {
						v = this.value;
						if (v == null) {
							tokenizerCache();
							v = load.get();
							this.value = v;
						}
					}
				}
				return v;
			}
		};
	}

}
