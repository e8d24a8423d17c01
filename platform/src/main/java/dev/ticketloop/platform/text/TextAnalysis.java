package dev.ticketloop.platform.text;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * Language-aware analysis of a customer's text into the words that carry its meaning:
 * English (possessives, stop words, Snowball stems), Spanish (accents folded, stop words,
 * Snowball stems, which bring a verb's forms together: cambiar, cambio, cambió) and
 * Chinese (words segmented by Lucene's smartcn HMM model, not character pairs); in each,
 * the support vocabulary's synonyms ({@code text/synonyms-<lang>.txt}) become one word
 * first, so "sign in", "log in" and "get into my account" count as the same. Other
 * languages: lower case, accents folded, CJK character pairs. Shared by routing's
 * template matching and insights' grouping of similar tickets.
 */
public final class TextAnalysis {

	private static final CharArraySet ENGLISH_STOP = stopWords(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, "i", "my", "me",
			"we", "our", "you", "your", "can", "do", "does", "how", "what", "hi", "hello", "thanks", "please", "help",
			"would", "could", "like", "want", "need", "just", "get", "have", "has", "am", "im", "i'm", "us", "dear",
			"regards", "team", "support", "ledgerly", "question");

	private static final CharArraySet SPANISH_STOP = folded(SpanishAnalyzer.getDefaultStopSet(), "hola", "gracias",
			"saludos", "buenas", "buenos", "dias", "tardes", "favor", "ayuda", "consulta", "como", "puedo", "quiero",
			"necesito", "estimados", "senores", "ledgerly", "soporte");

	private static final CharArraySet CHINESE_STOP = stopWords(SmartChineseAnalyzer.getDefaultStopSet(), "的", "了", "吗",
			"呢", "吧", "啊", "我", "我们", "你", "你们", "您", "是", "在", "有", "和", "就", "也", "都", "这", "那", "个", "一下", "请问",
			"您好", "你好", "谢谢", "麻烦", "怎么", "如何", "怎样", "可以", "能", "要", "想", "ledgerly");

	private static final Map<String, Analyzer> ANALYZERS = Map.of("en", english(), "es", spanish(), "zh", chinese());

	private static final Analyzer OTHER = new Analyzer() {
		@Override
		protected TokenStreamComponents createComponents(String field) {
			Tokenizer tokenizer = new StandardTokenizer();
			TokenStream stream = new CJKBigramFilter(tokenizer);
			stream = new LowerCaseFilter(stream);
			return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(stream));
		}
	};

	private TextAnalysis() {
	}

	/** The analysed words of a text in a language, and how often each occurs. */
	public static Map<String, Integer> terms(String text, String language) {
		Map<String, Integer> terms = new LinkedHashMap<>();
		Analyzer analyzer = ANALYZERS.getOrDefault(Objects.requireNonNullElse(language, ""), OTHER);
		try (TokenStream stream = analyzer.tokenStream("text", Objects.requireNonNullElse(text, ""))) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				if (term.length() > 0) {
					terms.merge(term.toString(), 1, Integer::sum);
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	private static Analyzer english() {
		SynonymMap synonyms = synonyms("en");
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = new StandardTokenizer();
				TokenStream stream = new LowerCaseFilter(new EnglishPossessiveFilter(tokenizer));
				stream = new SynonymGraphFilter(stream, synonyms, true);
				stream = new StopFilter(stream, ENGLISH_STOP);
				return new TokenStreamComponents(tokenizer, new SnowballFilter(stream, new EnglishStemmer()));
			}
		};
	}

	private static Analyzer spanish() {
		SynonymMap synonyms = synonyms("es");
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = new StandardTokenizer();
				TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
				stream = new SynonymGraphFilter(stream, synonyms, true);
				stream = new StopFilter(stream, SPANISH_STOP);
				return new TokenStreamComponents(tokenizer, new SnowballFilter(stream, new SpanishStemmer()));
			}
		};
	}

	private static Analyzer chinese() {
		SynonymMap synonyms = synonyms("zh");
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = new HMMChineseTokenizer();
				TokenStream stream = new LowerCaseFilter(tokenizer);
				stream = new SynonymGraphFilter(stream, synonyms, true);
				stream = new StopFilter(stream, CHINESE_STOP);
				stream = new StopFilter(stream, ENGLISH_STOP);
				return new TokenStreamComponents(tokenizer, new PorterStemFilter(stream));
			}
		};
	}

	/** The synonyms of a language, parsed with the analysis that comes before them. */
	private static SynonymMap synonyms(String language) {
		Analyzer parsing = new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = language.equals("zh") ? new HMMChineseTokenizer() : new StandardTokenizer();
				TokenStream stream = language.equals("en") ? new EnglishPossessiveFilter(tokenizer) : tokenizer;
				stream = new LowerCaseFilter(stream);
				return new TokenStreamComponents(tokenizer,
						language.equals("es") ? new ASCIIFoldingFilter(stream) : stream);
			}
		};
		String resource = "/text/synonyms-" + language + ".txt";
		try (Reader reader = new InputStreamReader(
				Objects.requireNonNull(TextAnalysis.class.getResourceAsStream(resource), resource),
				StandardCharsets.UTF_8)) {
			SolrSynonymParser parser = new SolrSynonymParser(true, false, parsing);
			parser.parse(reader);
			return parser.build();
		}
		catch (IOException | java.text.ParseException ex) {
			throw new IllegalStateException("Synonyms " + resource + " could not be read: " + ex.getMessage(), ex);
		}
	}

	private static CharArraySet stopWords(CharArraySet base, String... more) {
		CharArraySet all = new CharArraySet(base.size() + more.length, true);
		all.addAll(base);
		all.addAll(java.util.List.of(more));
		return CharArraySet.unmodifiableSet(all);
	}

	private static CharArraySet folded(CharArraySet base, String... more) {
		CharArraySet all = new CharArraySet(base.size() + more.length, true);
		for (Object word : base) {
			all.add(fold(new String((char[]) word)));
		}
		for (String word : more) {
			all.add(fold(word));
		}
		return CharArraySet.unmodifiableSet(all);
	}

	private static String fold(String word) {
		char[] out = new char[word.length() * 4];
		int n = ASCIIFoldingFilter.foldToASCII(word.toCharArray(), 0, out, 0, word.length());
		return new String(out, 0, n);
	}

}
