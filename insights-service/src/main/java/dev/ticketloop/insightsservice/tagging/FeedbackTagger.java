package dev.ticketloop.insightsservice.tagging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * Tags a customer's free text (a CSAT comment, a message) with its sentiment and what it
 * is about, in English, Spanish and Chinese: a lexicon per language
 * ({@code tagging/lexicon-<lang>.txt}: weighted positive and negative words, negators
 * that flip the next three sentiment words, intensifiers, contrast words after which the
 * text counts more), in the manner of VADER (Hutto and Gilbert, 2014), on the words as
 * Lucene analyses them (stems for English and Spanish, smartcn's segmentation for
 * Chinese; Chinese entries are matched on the characters). Topics are found apart from
 * the sentiment, so a phrase of topic words hides no sentiment word. The compound score
 * is {@code s / sqrt(s² + 15)} in [-1, 1]: negative at or below -0.15, positive at or
 * above 0.15 (VADER's 0.05 made a lone "ok" or "fine" positive; a weak word, weighted
 * 0.5, now stays neutral). Why a lexicon and not a model: ADR 17.
 */
@org.springframework.stereotype.Component
public final class FeedbackTagger {

	/** What the customer feels, as the text says it. */
	public enum Sentiment {

		NEGATIVE, NEUTRAL, POSITIVE;

		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** A text's tags; {@code topics} empty when none is recognized. */
	public record Tags(Sentiment sentiment, double score, List<String> topics) {
	}

	static final double THRESHOLD = 0.15;

	/** U+FE0F, which some keyboards add to an emoji ("❤️") and others do not ("❤"). */
	private static final String VARIATION_SELECTOR = "\uFE0F";

	/** The topic of a text about nothing the lexicon knows. */
	public static final String NO_TOPIC = "none";

	private static final int NEGATION_REACH = 3;

	private static final Map<String, Analyzer> ANALYZERS = Map.of("en", english(), "es", spanish(), "zh", chinese());

	private final Map<String, Lexicon> lexicons = new HashMap<>();

	private final List<String> ignored = new ArrayList<>();

	/**
	 * One language's entries, each one word or a phrase of analysed words joined by a
	 * space ({@code longest} words at most).
	 */
	private record Lexicon(Map<String, Double> valence, Set<String> negators, Set<String> intensifiers,
			Set<String> contrasts, Map<String, Set<String>> topicsOf, int longest) {

		/**
		 * Whether the entry says something of the sentiment (a phrase of topic words does
		 * not).
		 */
		boolean sentimental(String entry) {
			return this.valence.containsKey(entry) || this.negators.contains(entry) || this.intensifiers.contains(entry)
					|| this.contrasts.contains(entry);
		}

		boolean topical(String entry) {
			return this.topicsOf.containsKey(entry);
		}

	}

	private static final java.util.regex.Pattern CLAUSES = java.util.regex.Pattern.compile("[,.;:!?¡¿\\n，。；：！？、]+");

	/**
	 * The revision of the tagging rules in this class: counted up with every change of
	 * how a text is tagged, so that {@link #version()} changes.
	 */
	static final int RULES = 3;

	private final String version;

	public FeedbackTagger() {
		java.security.MessageDigest digest;
		try {
			digest = java.security.MessageDigest.getInstance("SHA-256");
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		digest.update((RULES + "|" + THRESHOLD).getBytes(StandardCharsets.UTF_8));
		for (String language : new TreeSet<>(ANALYZERS.keySet())) {
			this.lexicons.put(language, load(language));
			try (InputStream in = Objects
				.requireNonNull(FeedbackTagger.class.getResourceAsStream("/tagging/lexicon-" + language + ".txt"))) {
				digest.update(in.readAllBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		this.version = RULES + "-" + java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 12);
	}

	/**
	 * What the tags depend on: the rules' revision, the threshold and the lexicons.
	 * Totals added up with another version are added up again (ADR 17).
	 */
	public String version() {
		return this.version;
	}

	/**
	 * Lexicon entries the analysis leaves nothing of (and so are not used): none, in a
	 * lexicon as it should be.
	 */
	public List<String> ignored() {
		return List.copyOf(this.ignored);
	}

	/** The languages it tags. */
	public Set<String> languages() {
		return new TreeSet<>(this.lexicons.keySet());
	}

	/**
	 * Tags the text, read in {@code language} (en, es or zh; anything else as Chinese
	 * when it holds Chinese characters, else as English).
	 */
	public Tags tag(String text, String language) {
		String lang = language(text, language);
		Lexicon lexicon = this.lexicons.get(lang);
		double before = 0;
		double after = 0;
		boolean contrasted = false;
		Set<String> topics = new TreeSet<>();
		// a negation does not reach past the end of its clause
		for (String clause : CLAUSES.split(Objects.requireNonNullElse(text, ""))) {
			int negated = 0;
			double intensity = 1;
			for (String entry : entries(clause, lang, lexicon.longest(), lexicon::topical)) {
				if (entry != null) {
					topics.addAll(lexicon.topicsOf().get(entry));
				}
			}
			for (String entry : entries(clause, lang, lexicon.longest(), lexicon::sentimental)) {
				if (entry == null) {
					negated = Math.max(0, negated - 1);
					continue;
				}
				if (lexicon.contrasts().contains(entry)) {
					contrasted = true;
					negated = 0;
				}
				else if (lexicon.negators().contains(entry)) {
					negated = NEGATION_REACH;
				}
				else if (lexicon.intensifiers().contains(entry)) {
					intensity = 1.5;
				}
				else if (lexicon.valence().containsKey(entry)) {
					double v = lexicon.valence().get(entry) * intensity;
					if (negated > 0) {
						v = -0.74 * v; // VADER's damping of a negated word
					}
					if (contrasted) {
						after += v;
					}
					else {
						before += v;
					}
					intensity = 1;
					negated = Math.max(0, negated - 1);
				}
				else {
					negated = Math.max(0, negated - 1);
				}
			}
		}
		double sum = contrasted ? 0.5 * before + 1.5 * after : before;
		double score = sum / Math.sqrt(sum * sum + 15);
		Sentiment sentiment = (score >= THRESHOLD) ? Sentiment.POSITIVE
				: (score <= -THRESHOLD) ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
		return new Tags(sentiment, Math.round(score * 1000) / 1000.0, List.copyOf(topics));
	}

	/**
	 * The clause as a sequence of lexicon entries, longest first, {@code null} for each
	 * word the lexicon does not know. English and Spanish are matched on the analysed
	 * words. Chinese is matched on the characters, so that an entry is found however
	 * smartcn segments its context (it makes 客 服 of 客服, 单被 of 工单被关), but a one-character
	 * entry only where smartcn's word is made of entries from there on (好 in 很好 and 好,
	 * not in 好像 or 好几).
	 */
	private static List<String> entries(String clause, String language, int longest,
			java.util.function.Predicate<String> lexicon) {
		List<String> entries = new ArrayList<>();
		if (!language.equals("zh")) {
			List<String> tokens = tokens(clause.replace(VARIATION_SELECTOR, ""), language);
			int i = 0;
			while (i < tokens.size()) {
				String entry = null;
				int length = Math.min(longest, tokens.size() - i);
				for (; length > 0; length--) {
					String candidate = String.join(" ", tokens.subList(i, i + length));
					if (lexicon.test(candidate)) {
						entry = candidate;
						break;
					}
				}
				entries.add(entry);
				i += (entry != null) ? length : 1;
			}
			return entries;
		}
		String text = clause.toLowerCase(Locale.ROOT).replace(VARIATION_SELECTOR, "");
		// the end of the smartcn word at each character where one starts
		int[] wordEnd = new int[text.length() + 1];
		java.util.Arrays.fill(wordEnd, -1);
		try (TokenStream stream = ANALYZERS.get(language).tokenStream("text", text)) {
			org.apache.lucene.analysis.tokenattributes.OffsetAttribute offset = stream
				.addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				if (offset.startOffset() < offset.endOffset() && offset.endOffset() <= text.length()) {
					wordEnd[offset.startOffset()] = offset.endOffset();
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int i = 0;
		int end = -1; // the end of the word being read
		boolean matching = false; // whether the word read so far is all entries
		while (i < text.length()) {
			if (wordEnd[i] >= 0) {
				end = wordEnd[i];
				matching = true;
			}
			else if (i >= end) {
				matching = false;
			}
			int codePoint = text.codePointAt(i);
			if (Character.isLetterOrDigit(codePoint)
					&& Character.UnicodeScript.of(codePoint) != Character.UnicodeScript.HAN) {
				// a word in another script (an English word in a Chinese text) is one
				// entry or none: "debugging" holds no "bug", "apple" no "app"
				int j = i;
				while (j < text.length() && Character.isLetterOrDigit(text.codePointAt(j))
						&& Character.UnicodeScript.of(text.codePointAt(j)) != Character.UnicodeScript.HAN) {
					j += Character.charCount(text.codePointAt(j));
				}
				String word = text.substring(i, j);
				entries.add(lexicon.test(word) ? word : null);
				matching = false;
				i = j;
				continue;
			}
			int length = matchAt(text, i, end, matching, longest, lexicon);
			if (length > 0) {
				entries.add(text.substring(i, i + length));
				i += length;
			}
			else {
				if (wordEnd[i] >= 0) {
					entries.add(null);
				}
				matching = false;
				i += Character.charCount(text.codePointAt(i));
			}
		}
		return entries;
	}

	/**
	 * The length of the longest Chinese entry at {@code i}, 0 if none: an entry of two or
	 * more characters anywhere, of one character only where the word (ending at
	 * {@code end}) is made of entries from {@code i} on.
	 */
	private static int matchAt(String text, int i, int end, boolean matching, int longest,
			java.util.function.Predicate<String> lexicon) {
		for (int length = Math.min(longest, text.length() - i); length > 1; length--) {
			if (lexicon.test(text.substring(i, i + length))) {
				return length;
			}
		}
		if (!matching || !lexicon.test(text.substring(i, i + 1))) {
			return 0;
		}
		for (int j = i + 1; j < end;) {
			int length = matchAt(text, j, end, true, longest, lexicon);
			if (length == 0) {
				return 0;
			}
			j += length;
		}
		return 1;
	}

	static String language(String text, String language) {
		if (language != null) {
			String lang = language.split("[-_]")[0].toLowerCase(Locale.ROOT);
			if (ANALYZERS.containsKey(lang)) {
				return lang;
			}
		}
		if (text != null
				&& text.codePoints().anyMatch((c) -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
			return "zh";
		}
		return "en";
	}

	static List<String> tokens(String text, String language) {
		List<String> tokens = new ArrayList<>();
		try (TokenStream stream = ANALYZERS.get(language).tokenStream("text", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				if (term.length() > 0) {
					tokens.add(term.toString());
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return tokens;
	}

	private Lexicon load(String language) {
		List<String> ignored = this.ignored;
		int[] longest = { 1 };
		String resource = "/tagging/lexicon-" + language + ".txt";
		Map<String, Double> valence = new HashMap<>();
		Set<String> negators = new HashSet<>();
		Set<String> intensifiers = new HashSet<>();
		Set<String> contrasts = new HashSet<>();
		Map<String, Set<String>> topicsOf = new HashMap<>();
		try (InputStream in = Objects.requireNonNull(FeedbackTagger.class.getResourceAsStream(resource), resource);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				line = line.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.replace(VARIATION_SELECTOR, "").split("\\s+");
				String head = parts[0];
				// an entry written with underscores is a phrase ("sin_embargo"); smartcn
				// may
				// also make a phrase of one Chinese entry
				List<String> words = new ArrayList<>();
				for (int i = 1; i < parts.length; i++) {
					List<String> analysed = analysed(parts[i], language);
					if (analysed.isEmpty()) {
						ignored.add(language + ": " + parts[i]);
					}
					else {
						words.add(String.join(" ", analysed));
						longest[0] = Math.max(longest[0],
								language.equals("zh") ? analysed.get(0).length() : analysed.size());
					}
				}
				switch (head.charAt(0)) {
					case '+', '-' -> words.forEach((word) -> valence.put(word, Double.parseDouble(head)));
					case '!' -> {
						negators.add(String.join(" ", analysed(head.substring(1), language)));
						negators.addAll(words);
					}
					case '*' -> {
						intensifiers.add(String.join(" ", analysed(head.substring(1), language)));
						intensifiers.addAll(words);
					}
					case '~' -> {
						contrasts.add(String.join(" ", analysed(head.substring(1), language)));
						contrasts.addAll(words);
					}
					case '@' -> words.forEach(
							(word) -> topicsOf.computeIfAbsent(word, (w) -> new TreeSet<>()).add(head.substring(1)));
					default ->
						throw new IllegalStateException(resource + ": a line starts with + - ! * ~ or @: " + line);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// a negator or a contrast word is never also a sentiment word
		negators.forEach(valence::remove);
		contrasts.forEach(valence::remove);
		negators.remove("");
		intensifiers.remove("");
		contrasts.remove("");
		return new Lexicon(valence, negators, intensifiers, contrasts, topicsOf, longest[0]);
	}

	/**
	 * An entry as it is matched: its analysed words (English, Spanish), its characters in
	 * lower case (Chinese).
	 */
	private static List<String> analysed(String entry, String language) {
		if (language.equals("zh")) {
			String chars = entry.replace("_", "").toLowerCase(Locale.ROOT);
			return chars.isEmpty() ? List.of() : List.of(chars);
		}
		return tokens(entry.replace('_', ' '), language);
	}

	private static Analyzer english() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = new StandardTokenizer();
				TokenStream stream = new LowerCaseFilter(new EnglishPossessiveFilter(tokenizer));
				return new TokenStreamComponents(tokenizer, new SnowballFilter(stream, new EnglishStemmer()));
			}
		};
	}

	private static Analyzer spanish() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = new StandardTokenizer();
				TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
				return new TokenStreamComponents(tokenizer, new SnowballFilter(stream, new SpanishStemmer()));
			}
		};
	}

	private static Analyzer chinese() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = new HMMChineseTokenizer();
				return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
			}
		};
	}

}
