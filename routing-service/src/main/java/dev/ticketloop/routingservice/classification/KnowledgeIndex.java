package dev.ticketloop.routingservice.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The known issues and answer templates, searchable by similarity with a customer's text
 * (Apache Lucene, in memory). Candidates come from a BM25 search; their score is the
 * cosine similarity of TF-IDF vectors of the analysed words (lower case, accents folded,
 * stop words of en/es/de/fr/pt dropped, Chinese and Japanese as character bigrams), a
 * number from 0 to 1 that can be compared with thresholds, unlike raw BM25 scores.
 */
public final class KnowledgeIndex implements AutoCloseable {

	/** One searchable entry. */
	public record Entry(String kind, String ref, String title, String text, boolean open) {
	}

	/** An entry and how similar it is. */
	public record Match(Entry entry, double score) {
	}

	private static final Analyzer ANALYZER = new Analyzer() {
		@Override
		protected TokenStreamComponents createComponents(String field) {
			Tokenizer tokenizer = new StandardTokenizer();
			TokenStream stream = new CJKBigramFilter(tokenizer);
			stream = new LowerCaseFilter(stream);
			stream = new ASCIIFoldingFilter(stream);
			stream = new StopFilter(stream, STOP_WORDS);
			return new TokenStreamComponents(tokenizer, stream);
		}
	};

	private static final CharArraySet STOP_WORDS = stopWords();

	private final ByteBuffersDirectory directory = new ByteBuffersDirectory();

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Integer>> termsOf = new ConcurrentHashMap<>();

	public KnowledgeIndex() {
		try {
			this.writer = new IndexWriter(this.directory, new IndexWriterConfig(ANALYZER));
			this.searchers = new SearcherManager(this.writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Adds or replaces an entry (same kind and ref). */
	public synchronized void put(Entry entry) {
		String id = entry.kind() + ":" + entry.ref();
		Document doc = new Document();
		doc.add(new StringField("id", id, Field.Store.YES));
		doc.add(new TextField("text", entry.title() + "\n" + entry.text(), Field.Store.NO));
		try {
			this.writer.updateDocument(new Term("id", id), doc);
			this.writer.commit();
			this.searchers.maybeRefresh();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// terms before the entry: a search that finds the entry finds its terms
		this.termsOf.put(id, terms(entry.title() + "\n" + entry.text()));
		this.entries.put(id, entry);
	}

	public void putAll(Collection<Entry> entries) {
		entries.forEach(this::put);
	}

	public java.util.Optional<Entry> find(String kind, String ref) {
		return java.util.Optional.ofNullable(this.entries.get(kind + ":" + ref));
	}

	public int size() {
		return this.entries.size();
	}

	/** The most similar entries, best first, at least {@code minScore} similar. */
	public List<Match> similarTo(String text, double minScore, int limit) {
		Map<String, Integer> query = terms(text);
		if (query.isEmpty()) {
			return List.of();
		}
		List<Match> matches = new ArrayList<>();
		IndexSearcher searcher = null;
		try {
			searcher = this.searchers.acquire();
			int documents = Math.max(1, searcher.getIndexReader().numDocs());
			BooleanQuery.Builder candidates = new BooleanQuery.Builder();
			query.keySet()
				.stream()
				.limit(IndexSearcher.getMaxClauseCount())
				.forEach((t) -> candidates.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD));
			Map<String, Double> idf = new HashMap<>();
			for (String term : query.keySet()) {
				int df = searcher.getIndexReader().docFreq(new Term("text", term));
				idf.put(term, Math.log(1.0 + (double) (documents + 1) / (df + 1)));
			}
			for (ScoreDoc hit : searcher.search(candidates.build(), 20).scoreDocs) {
				String id = searcher.storedFields().document(hit.doc).get("id");
				Entry entry = this.entries.get(id);
				if (entry == null || !this.termsOf.containsKey(id)) {
					continue;
				}
				double score = cosine(query, this.termsOf.get(id), idf, searcher, documents);
				if (score >= minScore) {
					matches.add(new Match(entry, Math.round(score * 1000) / 1000.0));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (searcher != null) {
				try {
					this.searchers.release(searcher);
				}
				catch (IOException ex) {
					// nothing to release
				}
			}
		}
		matches.sort(Comparator.comparingDouble(Match::score).reversed());
		return (matches.size() > limit) ? List.copyOf(matches.subList(0, limit)) : matches;
	}

	private static double cosine(Map<String, Integer> query, Map<String, Integer> doc, Map<String, Double> queryIdf,
			IndexSearcher searcher, int documents) throws IOException {
		double dot = 0;
		double q = 0;
		for (Map.Entry<String, Integer> t : query.entrySet()) {
			double w = t.getValue() * queryIdf.get(t.getKey());
			q += w * w;
			Integer tf = doc.get(t.getKey());
			if (tf != null) {
				dot += w * tf * queryIdf.get(t.getKey());
			}
		}
		double d = 0;
		for (Map.Entry<String, Integer> t : doc.entrySet()) {
			Double known = queryIdf.get(t.getKey());
			double idf = (known != null) ? known : Math.log(1.0
					+ (double) (documents + 1) / (searcher.getIndexReader().docFreq(new Term("text", t.getKey())) + 1));
			double w = t.getValue() * idf;
			d += w * w;
		}
		return (q == 0 || d == 0) ? 0 : dot / (Math.sqrt(q) * Math.sqrt(d));
	}

	/** The analysed words of a text and how often each occurs. */
	static Map<String, Integer> terms(String text) {
		Map<String, Integer> terms = new HashMap<>();
		try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.merge(term.toString(), 1, Integer::sum);
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	private static CharArraySet stopWords() {
		CharArraySet all = new CharArraySet(1024, true);
		all.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
		all.addAll(SpanishAnalyzer.getDefaultStopSet());
		all.addAll(GermanAnalyzer.getDefaultStopSet());
		all.addAll(FrenchAnalyzer.getDefaultStopSet());
		all.addAll(PortugueseAnalyzer.getDefaultStopSet());
		return CharArraySet.unmodifiableSet(all);
	}

	@Override
	public void close() throws IOException {
		this.searchers.close();
		this.writer.close();
		this.directory.close();
	}

}
